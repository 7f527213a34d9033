/**
 * A small CORS reverse proxy in front of Orthanc (Orthanc 1.10 cannot send CORS headers itself).
 * It lets loopback origins (the app on any test port) read DICOMweb answers, and serves a few
 * fixed failure paths for the error-message tests:
 *   /no-cors/...      proxied without CORS headers (the browser must refuse the answer)
 *   /login/...        401 with a WWW-Authenticate challenge
 *   /not-dicomweb/... an HTML page with 200
 */
import http from 'node:http';

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

export interface CorsProxy {
  url: string;
  close(): Promise<void>;
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin || !LOOPBACK_ORIGIN.test(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-allow-headers': 'accept, content-type, authorization',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Starts the proxy on `host:port`, forwarding to Orthanc on `targetPort`. */
export function startCorsProxy(options: { host: string; port: number; targetPort: number }): Promise<CorsProxy> {
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const url = req.url ?? '/';
    const cors = corsHeaders(origin);
    if (url.startsWith('/login/')) {
      res.writeHead(401, { ...cors, 'www-authenticate': 'Basic realm="PACS"', 'content-type': 'text/plain' });
      res.end('Login required');
      return;
    }
    if (url.startsWith('/not-dicomweb/')) {
      res.writeHead(200, { ...cors, 'content-type': 'text/html' });
      res.end('<!doctype html><title>Intranet</title><p>Welcome to the hospital intranet.</p>');
      return;
    }
    const withoutCors = url.startsWith('/no-cors/');
    const path = withoutCors ? url.slice('/no-cors'.length) : url;
    if (req.method === 'OPTIONS' && !withoutCors) {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const headers = { ...req.headers, host: `127.0.0.1:${options.targetPort}` };
    delete headers.origin;
    const upstream = http.request(
      { host: '127.0.0.1', port: options.targetPort, method: req.method, path, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...(withoutCors ? {} : cors) });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502, { ...cors, 'content-type': 'text/plain' });
      res.end(`PACS unreachable: ${error.message}`);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () =>
      resolve({
        url: `http://${options.host}:${options.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
