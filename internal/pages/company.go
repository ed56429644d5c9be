package pages

import (
	"strings"

	"warmloop/internal/locale"
)

// WhatWeDo is the {{what_we_do}} the people introduced to the company read:
// the settings' line, or, while it is empty, the catalog's line in the
// reader's language that is true of any company, so a prospect never reads
// a blank, a placeholder, a description of some other business, or English
// inside a German page.
func WhatWeDo(sp locale.Speaker, setting string) string {
	if s := strings.TrimSpace(setting); s != "" {
		return s
	}
	return sp.T("referee.what_we_do_unset")
}
