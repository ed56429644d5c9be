// Package static embeds the CSS, the small script, images and vendored htmx
// served under /static/.
package static

import "embed"

// FS holds every file served under /static/.
//
//go:embed app.css app.js favicon.svg vendor/htmx.min.js
var FS embed.FS
