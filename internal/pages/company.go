package pages

import "strings"

// whatWeDoUnset is {{what_we_do}} while Settings has no line about the
// company: true of any company, so a prospect never reads a blank, a
// placeholder, or a description of some other business.
const whatWeDoUnset = "We would rather hear about your work than talk about ours."

// WhatWeDo is the {{what_we_do}} the people introduced to the company read:
// the settings' line, or a neutral one while it is empty.
func WhatWeDo(setting string) string {
	if s := strings.TrimSpace(setting); s != "" {
		return s
	}
	return whatWeDoUnset
}
