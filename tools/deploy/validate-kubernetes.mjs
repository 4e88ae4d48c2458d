// Validates Kubernetes manifests (multi-document YAML on stdin, e.g. `kubectl kustomize DIR`)
// against the Kubernetes OpenAPI schemas that kubernetes-models ships, one class per kind.
// Prints one JSON line: [{kind, name, error?}]; exits 1 when a document is invalid or of a kind it
// does not know. An ES module because kubernetes-models is one (the Jest spec runs it as a process).
import { parseAllDocuments } from 'yaml';

const text = await new Promise((resolve) => {
  let data = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (data += chunk));
  process.stdin.on('end', () => resolve(data));
});

async function modelOf(apiVersion, kind) {
  // `apps/v1` -> kubernetes-models/apps/v1, `v1` -> kubernetes-models/v1
  const models = await import(`kubernetes-models/${apiVersion}`).catch(() => ({}));
  return models[kind];
}

const results = [];
for (const document of parseAllDocuments(text)) {
  if (document.errors.length) {
    results.push({ kind: '?', name: '?', error: document.errors[0].message });
    continue;
  }
  const manifest = document.toJS();
  if (!manifest) continue;
  const { apiVersion, kind } = manifest;
  const name = manifest.metadata?.name ?? '?';
  const Model = typeof apiVersion === 'string' ? await modelOf(apiVersion, kind) : undefined;
  if (!Model) {
    results.push({ kind, name, error: `unknown apiVersion/kind ${apiVersion}/${kind}` });
    continue;
  }
  try {
    new Model(manifest).validate();
    results.push({ kind, name });
  } catch (error) {
    results.push({ kind, name, error: error.message });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
process.exit(results.some((r) => r.error) ? 1 : 0);
