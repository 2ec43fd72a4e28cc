// Preloaded (`node --import`) into the renderer's bundling child (bundle.ts):
// the child runs in a process group of its own with a stdin pipe its parent never writes to. When
// the parent dies, even by SIGKILL, the pipe closes: stop the whole group (Astro, Vite, esbuild).
const orphaned = () => {
  try { process.kill(-process.pid, 'SIGTERM'); } catch { /* not a group leader */ }
  process.exit(1);
};
process.stdin.on('end', orphaned);
process.stdin.on('error', orphaned);
process.stdin.resume();
process.stdin.unref?.(); // watching must not keep the child alive
