import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isEvidenceError } from '../../src/core/errors';
import { sha256Hex } from '../../src/core/hash';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { useTempDir } from '../support/temp';

describe('local store', () => {
  const tmp = useTempDir();
  const body = Buffer.from('{"a":1}');

  it('writes once, read-only, and answers exists for a second write without touching the file', async () => {
    const store = new LocalObjectStore(tmp());
    expect(await store.putIfAbsent('artifacts/x.json', body, sha256Hex(body))).toBe('created');
    expect(await store.putIfAbsent('artifacts/x.json', Buffer.from('other'), sha256Hex('other'))).toBe('exists');
    expect(await store.get('artifacts/x.json')).toEqual(body);
    const mode = (await fs.stat(path.join(tmp(), 'artifacts/x.json'))).mode & 0o777;
    expect(mode).toBe(0o444);
    expect(await fs.readdir(tmp())).toEqual(['artifacts']);
  });

  it('copies an object into a new file, refusing an existing target and naming a missing key', async () => {
    const store = new LocalObjectStore(path.join(tmp(), 'vault'));
    await store.putIfAbsent('packs/2026-Q3/p.zip', body, sha256Hex(body));
    const out = path.join(tmp(), 'p.zip');
    await store.getToFile('packs/2026-Q3/p.zip', out);
    expect(await fs.readFile(out)).toEqual(body);
    await expect(store.getToFile('packs/2026-Q3/p.zip', out)).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    const missing = await store.getToFile('packs/none.zip', path.join(tmp(), 'none.zip')).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'VAULT_NOT_FOUND' });
    expect(await fs.readdir(tmp())).toEqual(['p.zip', 'vault']);
  });

  it('refuses delete through its API', async () => {
    const store = new LocalObjectStore(tmp());
    await store.putIfAbsent('k', body, sha256Hex(body));
    await expect(store.delete('k')).rejects.toMatchObject({ code: 'VAULT_DELETE_REFUSED' });
    expect(await store.exists('k')).toBe(true);
  });

  it('lists keys under a prefix in byte order', async () => {
    const store = new LocalObjectStore(tmp());
    for (const k of ['manifests/2026-07-02/00000001.json', 'manifests/2026-07-01/00000000.json', 'artifacts/a', 'manifests/2026-07-01/00000000.json.sig']) {
      await store.putIfAbsent(k, body, sha256Hex(body));
    }
    expect(await store.list('manifests/')).toEqual([
      'manifests/2026-07-01/00000000.json', 'manifests/2026-07-01/00000000.json.sig', 'manifests/2026-07-02/00000001.json',
    ]);
    expect(await store.list('nothing/')).toEqual([]);
  });

  it.each(['../escape', '/abs', 'a//b', 'a/./b', '', 'a\\b'])('refuses the key %j', async (key) => {
    const store = new LocalObjectStore(tmp());
    await expect(store.putIfAbsent(key, body, sha256Hex(body))).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('answers VAULT_NOT_FOUND for a missing key', async () => {
    await expect(new LocalObjectStore(tmp()).get('nope')).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
  });

  it('lets the vault detect a file changed behind its back', async () => {
    const vault = new Vault(new LocalObjectStore(tmp()));
    await vault.putContent('k', body, sha256Hex(body));
    const file = path.join(tmp(), 'k');
    await fs.chmod(file, 0o644);
    await fs.writeFile(file, '{"a":2}');
    const err: unknown = await vault.readVerified('k', sha256Hex(body)).catch((e: unknown) => e);
    expect(isEvidenceError(err, 'VAULT_READ_MISMATCH')).toBe(true);
  });

  it('refuses an exclusive write over an existing key', async () => {
    const vault = new Vault(new LocalObjectStore(tmp()));
    await vault.putNew('m', body);
    await expect(vault.putNew('m', body)).rejects.toMatchObject({ code: 'VAULT_OBJECT_EXISTS' });
  });
});

describe('local store, files', () => {
  const tmp = useTempDir();

  it('puts a file once, copied and read-only, and answers exists for a second put', async () => {
    const vaultDir = path.join(tmp(), 'vault');
    const source = path.join(tmp(), 'pack.zip');
    await fs.writeFile(source, 'zip bytes');
    const vault = new Vault(new LocalObjectStore(vaultDir));
    await vault.putNewFile('packs/2026-Q3/p.zip', source);
    await expect(vault.putNewFile('packs/2026-Q3/p.zip', source)).rejects.toMatchObject({ code: 'VAULT_OBJECT_EXISTS' });
    expect((await fs.readFile(path.join(vaultDir, 'packs/2026-Q3/p.zip'))).toString()).toBe('zip bytes');
    expect((await fs.stat(path.join(vaultDir, 'packs/2026-Q3/p.zip'))).mode & 0o777).toBe(0o444);
    expect((await fs.readdir(vaultDir)).sort()).toEqual(['packs']);
  });
});
