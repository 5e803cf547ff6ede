// Client-only page for any id (served by the SPA shell, offline by the service worker's fallback).
export const prerender = false;
