/** Worker file names, defined by the bundle build once the workers are built and hashed; all assets share one folder. */
declare const MONACO_WORKER_FILES: { editor: string; json: string; graphql: string };

/** Monaco asks for a worker by language label; the JSON and GraphQL language services have their own, the rest share the editor's. */
function workerFile(label: string): string {
  switch (label) {
    case 'json':
    case 'graphql':
      return MONACO_WORKER_FILES[label];
    default:
      return MONACO_WORKER_FILES.editor;
  }
}

self.MonacoEnvironment = {
  getWorker: (_workerId, label) => new Worker(new URL(workerFile(label), import.meta.url), { name: `monaco-${label}` }),
};
