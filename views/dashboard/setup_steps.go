package dashboard

import (
	"strings"

	"warmloop/internal/locale"
	"warmloop/internal/setup"
)

// setupStep is one step of the setup checklist as the reader reads it.
type setupStep struct {
	Key, Label, Detail, Link string
	Done                     bool
}

// sayStep writes a checklist step in the reader's language, from what the
// step names (its key, why it stands as it does, its facts), not from its
// English sentence; a case the catalog has no words for keeps the English.
func sayStep(sp locale.Speaker, s setup.Step) setupStep {
	out := setupStep{Key: s.Key, Label: s.Label, Detail: s.Detail, Link: s.Link, Done: s.Done}
	facts := func(names ...string) []any {
		var data []any
		for _, n := range names {
			data = append(data, n, s.Facts[n])
		}
		return data
	}
	switch s.Key {
	case "sender":
		out.Label = sp.T("dash.setup.sender.label")
		if s.Why == "done" {
			out.Detail = sp.T("dash.setup.sender.done", facts("Sender", "Address")...)
		} else {
			var left []string
			for _, m := range s.Missing {
				left = append(left, setupSenderPart(sp, m))
			}
			out.Detail = sp.T("dash.setup.sender.placeholder", "Missing", strings.Join(left, ", "))
		}
	case "app_url":
		out.Label = sp.T("dash.setup.app_url.label")
		switch s.Why {
		case "done":
			out.Detail = sp.T("dash.setup.app_url.done", facts("URL")...)
		case "guessed":
			out.Detail = sp.T("dash.setup.app_url.guessed", facts("URL")...)
		case "local":
			out.Detail = sp.T("dash.setup.app_url.local", facts("URL")...)
		}
	case "smtp":
		out.Label = sp.T("dash.setup.smtp.label")
		switch s.Why {
		case "done":
			out.Detail = sp.T("dash.setup.smtp.done", facts("Host")...)
		case "no_host":
			out.Detail = sp.T("dash.setup.smtp.no_host")
		case "untested":
			out.Detail = sp.T("dash.setup.smtp.untested", facts("Host")...)
		}
	case "copy":
		out.Label = sp.T("dash.setup.copy.label")
		switch {
		case s.Why == "done":
			out.Detail = sp.T("dash.setup.copy.done")
		case len(s.Missing) == 2:
			out.Detail = sp.T("dash.setup.copy.shipped_both")
		case len(s.Missing) == 1 && s.Missing[0] == "landing":
			out.Detail = sp.T("dash.setup.copy.shipped_landing")
		case len(s.Missing) == 1 && s.Missing[0] == "referee":
			out.Detail = sp.T("dash.setup.copy.shipped_referee")
		}
	case "customers":
		out.Label = sp.T("dash.setup.customers.label")
		out.Detail = doneOrNot(s.Done, sp.T("dash.setup.customers.done"), sp.T("dash.setup.customers.none"))
	case "nps":
		out.Label = sp.T("dash.setup.nps.label")
		out.Detail = doneOrNot(s.Done, sp.T("dash.setup.nps.done"), sp.T("dash.setup.nps.none"))
	}
	return out
}

// setupSenderPart names one placeholder the sender step still finds.
func setupSenderPart(sp locale.Speaker, part string) string {
	switch part {
	case "company_name":
		return sp.T("dash.setup.sender.company_name")
	case "sender_name":
		return sp.T("dash.setup.sender.sender_name")
	case "sender_address":
		return sp.T("dash.setup.sender.sender_address")
	}
	return part
}

// doneOrNot picks the words for a step done or not.
func doneOrNot(done bool, yes, no string) string {
	if done {
		return yes
	}
	return no
}
