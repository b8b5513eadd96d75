import type { JsonValue } from '../core/canonical';
import type { ControlSummary } from '../pack/model';
import type { OscalContext } from './oscal-context';
import { prop, type JsonObject } from './oscal-common';

/**
 * Our control ids are the catalog's ids (docs/controls.md), not NIST SP 800-53 ids: the catalog
 * is not an OSCAL catalog, so each control's SOC 2 and ISO/IEC 27001 ids travel as properties
 * beside it (docs/oscal.md §"Ids").
 */
export function mappingProps(control: ControlSummary): JsonObject[] {
  return [
    ...control.mappings.soc2.map((id) => prop('soc2-criterion', id, { class: 'tsc-2017' })),
    ...control.mappings.iso27001_2022.map((id) => prop('iso27001-control', id, { class: 'iso27001-2022' })),
    ...control.mappings.iso27001_2013.map((id) => prop('iso27001-control', id, { class: 'iso27001-2013' })),
  ];
}

/** One control selection per control, so that its mappings and state sit beside its id. */
function controlSelection(control: ControlSummary): JsonObject {
  const selection: JsonObject = {
    props: [prop('control-kind', control.kind), ...mappingProps(control)],
    'include-controls': [{ 'control-id': control.id }],
  };
  if (control.disabled) selection.remarks = `Disabled by the organization's catalog overrides, not evaluated: ${control.disabled.reason}`;
  return selection;
}

export function buildReviewedControls(ctx: OscalContext): JsonObject {
  const { pack } = ctx;
  const reviewed: JsonObject = {
    'control-selections': pack.controls.map(controlSelection),
  };
  if (pack.catalog) {
    reviewed.props = [prop('catalog-id', pack.catalog.id), prop('catalog-version', pack.catalog.version)];
  }
  reviewed.remarks = `Every control of the catalog, evaluated every day of ${pack.period.quarter}; control ids are Evidence Vault catalog ids.`;
  return reviewed;
}

/**
 * Each control's objective, as a local definition: what it tests, in the catalog's words. The
 * objective's part id is the control id, which findings target (type "objective-id").
 */
export function buildObjectives(ctx: OscalContext): JsonValue[] {
  return ctx.pack.controls.map((control) => ({
    'control-id': control.id,
    description: control.title,
    props: [
      prop('control-kind', control.kind),
      ...control.checks.map((check) => prop('rule', check.rule, { remarks: JSON.stringify(check.params ?? {}) })),
    ],
    parts: [{ id: control.id, name: 'objective', title: control.title, prose: control.tests }],
  }));
}
