/**
 * /admin/config.yml — Decap's configuration, generated from the content model at build time.
 * The backend comes from the environment (backoffice/admin/decap-config.ts `backendFromEnv`): the embedded
 * decap-server by default (`npm start` also answers this URL itself with its real port), GitHub
 * with CMS_BACKEND=github CMS_REPO=… CMS_BRANCH=… CMS_BASE_URL=… for production.
 */
import type { APIRoute } from 'astro';
import { stringify } from 'yaml';
import { backendFromEnv, cmsConfig } from '../../../backoffice/admin/decap-config.ts';

export const GET: APIRoute = () =>
  new Response(stringify(cmsConfig({ backend: backendFromEnv(process.env), siteUrl: process.env['SITE_URL'] || undefined })), {
    headers: { 'Content-Type': 'text/yaml; charset=utf-8' },
  });
