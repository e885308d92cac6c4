// Starts the WebAssembly app without any inline script, so the page runs under a CSP
// with `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-inline', no nonce, no hash).
//
// Trunk writes the content-hashed names of the wasm-bindgen JS glue and of the .wasm
// into two <meta> tags (see `pattern_script` in Trunk.toml); this module, itself a
// hashed Trunk asset, imports the glue and instantiates the wasm from those URLs.
// Relative URLs are resolved against the document, not this file, because this file
// lives in assets/ while the names are written relative to index.html.
//
// The module is fetched as the build compressed it: scripts/precompress.mjs writes
// FILE.gz (gzip -9) beside it and points index.html's preload at it, and this file
// inflates it as it arrives, so any web server sends about 615 KB where one that does not
// compress .wasm (IIS as installed) would send 1.6 MB. The browser still compiles the
// module while it arrives. A browser without DecompressionStream, or a build or server
// without the .gz, gets the module itself.

const url = (name) => {
  const meta = document.querySelector(`meta[name="medv-planner:${name}"]`);
  if (!meta) {
    throw new Error(`index.html lacks <meta name="medv-planner:${name}">: was it built by Trunk?`);
  }
  return new URL(meta.content, document.baseURI);
};

// The module's bytes as a Response WebAssembly can compile as they stream in: the .gz
// inflated, or, when the server already decoded it (a .gz sent with Content-Encoding:
// gzip), as it came. Null when there is no usable .gz: no preload of it, no
// DecompressionStream, a failed request, or an answer that is neither gzip nor WebAssembly
// (a server that answers every path with a page).
async function inflated(wasm) {
  const preload = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')]
    .find((link) => link.href === `${wasm.href}.gz`);
  if (!preload || typeof DecompressionStream !== "function") return null;
  let response;
  try {
    // The same request as the preload (same origin, CORS mode), so the preload is reused.
    response = await fetch(preload.href, { credentials: "same-origin" });
  } catch {
    return null;
  }
  if (!response.ok || !response.body) return null;
  const reader = response.body.getReader();
  // The first bytes say what came: gzip (1f 8b) or WebAssembly ("\0asm").
  const chunks = [];
  let seen = 0;
  let done = false;
  while (seen < 4 && !done) {
    const next = await reader.read();
    done = next.done;
    if (next.value) {
      chunks.push(next.value);
      seen += next.value.length;
    }
  }
  // The byte at `at` of those read so far.
  const byte = (at) => {
    for (const chunk of chunks) {
      if (at < chunk.length) return chunk[at];
      at -= chunk.length;
    }
    return undefined;
  };
  const gzip = byte(0) === 0x1f && byte(1) === 0x8b;
  const asIs = [0x00, 0x61, 0x73, 0x6d].every((b, at) => byte(at) === b);
  if (!gzip && !asIs) {
    reader.cancel().catch(() => {});
    return null;
  }
  const body = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(gzip ? body.pipeThrough(new DecompressionStream("gzip")) : body, {
    headers: { "Content-Type": "application/wasm" },
  });
}

try {
  const wasm = url("wasm");
  const [{ default: init }, module] = await Promise.all([import(url("js").href), inflated(wasm)]);
  const started =
    module &&
    (await init({ module_or_path: module }).then(
      () => true,
      (error) => {
        // A damaged .gz: the module itself is still there.
        console.warn(`The compressed module could not be used (${error?.message ?? error}); loading it uncompressed.`);
        return false;
      },
    ));
  if (!started) await init({ module_or_path: wasm });
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
