// Package static embeds the CSS, images and vendored htmx served under /static/.
package static

import "embed"

// FS holds every file served under /static/.
//
//go:embed app.css favicon.svg vendor/htmx.min.js
var FS embed.FS
