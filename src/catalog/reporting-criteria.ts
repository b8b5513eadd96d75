/**
 * The incident-reporting criteria of control-mapping.json ("reporting_criteria"), with our own
 * short titles (paraphrased, never the standards' text) and, for ISO 2022, the 2013 equivalents
 * (CISO Assistant, or the Annex B table page where it omits the row). Coverage marks them so a
 * reader sees the criteria this catalog exists for; `focus` = the reporting focus rows.
 */
export interface ReportingCriterion {
  id: string;
  title: string;
  focus: boolean;
  /** ISO 2022 only: the 2013 control(s) it replaces; empty when new in 2022. */
  iso2013?: readonly string[];
}

export const SOC2_REPORTING_CRITERIA: readonly ReportingCriterion[] = [
  { id: 'CC2.2', title: 'Internal communication of security objectives, responsibilities and how to raise concerns', focus: false },
  { id: 'CC2.3', title: 'Communication with external parties (customers, regulators, vendors) about matters affecting control', focus: true },
  { id: 'CC4.1', title: 'Ongoing and separate evaluations that controls are present and working', focus: false },
  { id: 'CC4.2', title: 'Timely evaluation and communication of control deficiencies to those who must fix them', focus: false },
  { id: 'CC5.3', title: 'Controls put into practice through policies and supporting procedures', focus: false },
  { id: 'CC6.1', title: 'Logical access security over protected information assets', focus: false },
  { id: 'CC6.2', title: 'Registration and authorisation of users before credentials are issued', focus: false },
  { id: 'CC6.3', title: 'Role-based granting, change and removal of access', focus: false },
  { id: 'CC6.7', title: 'Restricting movement and transmission of data to authorised parties', focus: false },
  { id: 'CC6.8', title: 'Preventing or detecting unauthorised or malicious software', focus: false },
  { id: 'CC7.1', title: 'Detecting configuration changes and newly found vulnerabilities', focus: false },
  { id: 'CC7.2', title: 'Monitoring components for anomalies that may be security events', focus: false },
  { id: 'CC7.3', title: 'Evaluating security events to decide whether they are incidents', focus: true },
  { id: 'CC7.4', title: 'Responding to incidents through a defined program, including containment and communication', focus: true },
  { id: 'CC7.5', title: 'Recovering from incidents and applying lessons learned', focus: true },
  { id: 'C1.1', title: 'Identifying and protecting confidential information', focus: false },
  { id: 'P6.3', title: 'Keeping a complete, timely record of detected or reported unauthorised disclosures of personal data', focus: true },
  { id: 'P6.5', title: 'Requiring vendors with personal data to notify the entity of actual or suspected disclosures', focus: false },
  { id: 'P6.6', title: 'Notifying affected data subjects, regulators and others of breaches and incidents', focus: true },
];

export const ISO27001_2022_REPORTING_CRITERIA: readonly ReportingCriterion[] = [
  { id: 'A.5.5', title: 'Keeping contact with relevant authorities (regulators, law enforcement)', focus: true, iso2013: ['A.6.1.3'] },
  { id: 'A.5.7', title: 'Gathering and using threat intelligence', focus: false, iso2013: [] },
  { id: 'A.5.15', title: 'Access control rules', focus: false, iso2013: ['A.9.1.1', 'A.9.1.2'] },
  { id: 'A.5.18', title: 'Provisioning, review and removal of access rights', focus: false, iso2013: ['A.9.2.2', 'A.9.2.5', 'A.9.2.6'] },
  { id: 'A.5.24', title: 'Planning and preparing incident management (roles, procedures, escalation)', focus: true, iso2013: ['A.16.1.1'] },
  { id: 'A.5.25', title: 'Assessing security events and deciding whether they are incidents', focus: true, iso2013: ['A.16.1.4'] },
  { id: 'A.5.26', title: 'Responding to incidents according to documented procedures', focus: true, iso2013: ['A.16.1.5'] },
  { id: 'A.5.27', title: 'Learning from incidents', focus: true, iso2013: ['A.16.1.6'] },
  { id: 'A.5.28', title: 'Collecting and preserving evidence', focus: true, iso2013: ['A.16.1.7'] },
  { id: 'A.5.31', title: 'Identifying legal, regulatory and contractual requirements (incl. breach-notification duties)', focus: false, iso2013: ['A.18.1.1', 'A.18.1.5'] },
  { id: 'A.5.33', title: 'Protecting records from loss, falsification and unauthorised access', focus: true, iso2013: ['A.18.1.3'] },
  { id: 'A.5.34', title: 'Privacy and protection of personal data', focus: false, iso2013: ['A.18.1.4'] },
  { id: 'A.5.35', title: 'Independent review of information security', focus: false, iso2013: ['A.18.2.1'] },
  { id: 'A.5.36', title: "Compliance with the organisation's own policies and standards", focus: false, iso2013: ['A.18.2.2', 'A.18.2.3'] },
  { id: 'A.6.3', title: 'Security awareness and training (staff know how to report)', focus: false, iso2013: ['A.7.2.2'] },
  { id: 'A.6.8', title: 'Channel for personnel to report observed or suspected security events promptly', focus: true, iso2013: ['A.16.1.2', 'A.16.1.3'] },
  { id: 'A.8.2', title: 'Restricting and managing privileged access rights', focus: false, iso2013: ['A.9.2.3'] },
  { id: 'A.8.12', title: 'Data leakage prevention measures', focus: true, iso2013: [] },
  { id: 'A.8.15', title: 'Producing, storing, protecting and analysing logs', focus: true, iso2013: ['A.12.4.1', 'A.12.4.2', 'A.12.4.3'] },
  { id: 'A.8.16', title: 'Monitoring networks, systems and applications for anomalous behaviour', focus: true, iso2013: [] },
  { id: 'A.8.17', title: 'Clock synchronisation (reliable timestamps for timelines)', focus: false, iso2013: ['A.12.4.4'] },
];

/** Ids outside the embedded lists that the research file maps to (SOC 2 A/C/PI/P, 2013 objectives). */
export const RESEARCH_SOC2_IDS: readonly string[] = ['A1.2', 'C1.1', 'C1.2', 'P6.3', 'P6.6', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5'];
export const RESEARCH_ISO2013_OBJECTIVE_IDS: readonly string[] = ['A.9.2', 'A.9.3', 'A.9.4', 'A.12.4', 'A.12.6', 'A.13.1'];
