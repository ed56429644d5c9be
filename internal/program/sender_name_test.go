package program_test

import (
	"strings"
	"testing"

	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

func TestASenderNameThatCouldPassForAnAddressOrAHeaderIsRefused(t *testing.T) {
	for name, want := range map[string]string{
		`Ann "Boss" <x@evil.example>`:     "Leave out <, > and @",
		"x@evil.example":                  "Leave out <, > and @",
		"Maya > Sales":                    "Leave out <, > and @",
		"Maya\r\nBcc: spy@evil.example":   "Keep the name on one line",
		"Maya\nChen":                      "Keep the name on one line",
		"Maya\tChen":                      "Keep the name on one line",
		"Maya\u202eneHC":                  "Keep the name on one line",
		"=?utf-8?q?Maya?=":                "Leave out “=?”",
		"   ":                             "not only spaces",
		"Maya Chen, Brightwave Analytics": "",
		`Ana "AJ" Lima`:                   "",
		"José Müller":                     "",
		"Zoë, Ltd":                        "",
		"O'Brien & Co. (EMEA)":            "",
		"":                                "",
	} {
		got := program.CheckSenderName(name)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("CheckSenderName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSettingsRefuseASenderNameThatCarriesAnAddress(t *testing.T) {
	app := schemaapp.New(t)
	d := validDraft()
	d.SenderName = `Ann "Boss" <x@evil.example>`
	errs := program.Check(app, d, "")
	if len(errs) != 1 || !strings.Contains(errs["sender_name"], "Leave out <, > and @") {
		t.Errorf("errors %v, want only sender_name refused", errs)
	}
	d.SenderName = "Maya Chen, Brightwave Analytics"
	if errs := program.Check(app, d, ""); len(errs) != 0 {
		t.Errorf("the demo's own sender name was refused: %v", errs)
	}
}
