const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Marks a string as already-escaped HTML. */
export interface Html {
  readonly html: string;
}

/**
 * Tagged template that escapes every interpolated value unless it is already `Html` (or an array
 * of `Html`), so page code cannot forget to escape.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(value: unknown): string {
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && value !== null && 'html' in value) return String((value as Html).html);
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** A whole page: no inline scripts or styles, so it works under a strict Content-Security-Policy. */
export function page(title: string, body: Html, scripts: string[] = []): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="/static/sandbox.css" />
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        ${body}
      </body>
    </html> `.html;
}
