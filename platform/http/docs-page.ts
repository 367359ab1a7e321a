// The interactive API documentation at /docs: Swagger UI's own files, and a page that points
// it at /openapi.json. Helmet's content security policy forbids inline scripts, so the page
// loads its start-up script as a file (/docs/init.js).
import express from 'express';
import type { Express } from 'express';
import swaggerUiDist from 'swagger-ui-dist';

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fengqiao-style office certification API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const DOCS_INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs' });\n`;

/**
 * Serves /docs on the app itself (not on a sub-router, so the route listing used by the
 * OpenAPI and README checks sees these paths as what they are: outside /api/v1).
 */
export function serveDocs(app: Express): void {
  app.get(['/docs', '/docs/index.html'], (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  app.get('/docs/init.js', (_req, res) => {
    res.type('js').send(DOCS_INIT_SCRIPT);
  });
  app.use('/docs', express.static(swaggerUiDist.getAbsoluteFSPath(), { index: false }));
}
