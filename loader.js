// Starts the WebAssembly app without any inline script, so the page runs under a CSP
// with `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-inline', no nonce, no hash).
//
// Trunk writes the content-hashed names of the wasm-bindgen JS glue and of the .wasm
// into two <meta> tags (see `pattern_script` in Trunk.toml); this module, itself a
// hashed Trunk asset, imports the glue and instantiates the wasm from those URLs.
// Relative URLs are resolved against the document, not this file, because this file
// lives in assets/ while the names are written relative to index.html.

const url = (name) => {
  const meta = document.querySelector(`meta[name="medv-planner:${name}"]`);
  if (!meta) {
    throw new Error(`index.html lacks <meta name="medv-planner:${name}">: was it built by Trunk?`);
  }
  return new URL(meta.content, document.baseURI);
};

try {
  const { default: init } = await import(url("js").href);
  await init({ module_or_path: url("wasm") });
} catch (error) {
  // The page would stay on "Opening the planner…": say what happened instead.
  const status = document.getElementById("boot-status");
  if (status) {
    status.textContent =
      `The planner could not start in this browser (${error?.message ?? error}). ` +
      "It needs a current browser with WebAssembly. If this keeps happening, ask whoever runs " +
      "this site to check that it serves .wasm files as application/wasm. Reload the page to try again.";
    status.classList.add("boot-failed");
  }
  throw error;
}
