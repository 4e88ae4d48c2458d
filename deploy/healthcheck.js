'use strict';
// The image's HEALTHCHECK: `/livez` of whichever process runs in the container. The standalone
// processes answer on HG_PROBE_PORT (9180 in the image), the api and platform on HG_HTTP_PORT (8080).
const http = require('node:http');

const PORTS = [9180, 8080];

function probe(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/livez', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

(async () => {
  for (const port of PORTS) if (await probe(port)) process.exit(0);
  process.exit(1);
})();
