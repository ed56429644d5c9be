package dashboard

import (
	"regexp"
	"strconv"

	"warmloop/internal/locale"
	"warmloop/views/form"
)

// The rules in internal/ (the settings, the chat URL, the tiers, variants
// and pages) answer in English, which the REST API and PocketBase's /_/
// show as they are. A dashboard form shows the same refusal in the
// reader's language: each English message a rule writes is read back
// here as a catalog key, its numbers written the reader's way. A message
// not listed stays as the rule wrote it.

// ruleMessage reads one English rule message: the pattern it matches and
// what it says in the reader's language, given the pattern's groups.
type ruleMessage struct {
	pattern *regexp.Regexp
	say     func(sp locale.Speaker, m []string) string
}

// ruleMessages are the messages of the rules behind the setup screens.
var ruleMessages = []ruleMessage{
	rule(`This is required: customers see it in every email.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.required_in_email")
	}),
	rule(`Enter a name people will recognise, not only spaces.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.name_spaces")
	}),
	rule(`Keep the name on one line, without tabs or invisible control characters.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.name_one_line")
	}),
	rule(`Leave out <, > and @: .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.name_brackets")
	}),
	rule(`Leave out “=\?”: .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.name_encoded")
	}),
	rule(`Enter an email address, such as .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.email_required")
	}),
	rule(`Enter an email address alone, such as .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.email_alone")
	}),
	rule(`Choose how often the cadence asks again.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.cadence")
	}),
	rule(`Enter a whole number from (\d+) to (\d+)\.`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.int_required", "Low", ruleNumber(sp, m[1]), "High", ruleNumber(sp, m[2]))
	}),
	rule(`Enter a whole number, such as (\d+), without decimals or units\.`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.int_whole", "Example", ruleNumber(sp, m[1]))
	}),
	rule(`Enter a number from (\d+) to (\d+)\.`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.int_range", "Low", ruleNumber(sp, m[1]), "High", ruleNumber(sp, m[2]))
	}),
	rule(`Choose a currency from the list: .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.currency")
	}),
	rule(`Choose a time zone from the list, .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.timezone")
	}),
	rule(`Choose the default language from the list: .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.default_locale")
	}),
	rule(`Enter a full web address starting with https://, .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.url")
	}),
	rule(`Choose events from the list.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.events")
	}),
	rule(`Choose an active incentive from the list.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.incentive")
	}),
	rule(`Either type a new secret or tick “clear it”, not both.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.secret_both")
	}),
	rule(`Use at least 12 characters; .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.secret_short")
	}),
	rule(`Keep it under 200 characters.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.secret_long")
	}),
	rule(`Leave out spaces: .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.secret_spaces")
	}),
	rule(`Keep it under (\d+) characters \(this is (\d+)\)\.`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.too_long", "Limit", ruleNumber(sp, m[1]), "Length", ruleNumber(sp, m[2]))
	}),
	rule(`Enter the full address your customers open, .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.app_url")
	}),
	rule(`Enter the address alone, such as .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.app_url_alone")
	}),
	rule(`Enter the host name alone, such as smtp.example.com, without .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.smtp_host_scheme")
	}),
	rule(`Enter the host name alone, such as smtp.example.com; .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.smtp_host_port")
	}),
	rule(`Keep it to one line.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.one_line")
	}),
	rule(`Either type a new password or tick “clear it”, not both.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.password_both")
	}),
	rule(`The password is one line: .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.password_one_line")
	}),
	rule(`Keep it under 2001 characters\. .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.chat_url_long")
	}),
	rule(`Paste the incoming-webhook URL your chat tool gave you, .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.chat_url")
	}),
	rule(`Use https:// for a chat tool on the internet; .*`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.chat_url_http")
	}),
	rule(`This address signs in as a superuser already\.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.superuser_email")
	}),
	rule(`Value must be unique\.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.taken")
	}),
	rule(`line (\d+), "(.*)": write the CRM's stage, .*`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.stage_shape", "Line", m[1], "Text", m[2])
	}),
	rule(`line (\d+): "(.*)" is not qualified, won or lost: .*`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.stage_status", "Line", m[1], "Status", m[2])
	}),
	rule(`line (\d+): the stage "(.*)" is already mapped to (\w+)`, func(sp locale.Speaker, m []string) string {
		return sp.T("dash.rule.stage_twice", "Line", m[1], "Stage", m[2], "Status", m[3])
	}),
	rule(`It could not be saved: fix the fields marked below.`, func(sp locale.Speaker, _ []string) string {
		return sp.T("dash.rule.save_fields")
	}),
}

// rule matches a whole English message.
func rule(pattern string, say func(sp locale.Speaker, m []string) string) ruleMessage {
	return ruleMessage{pattern: regexp.MustCompile(`^` + pattern + `$`), say: say}
}

// ruleNumber writes a number a rule wrote in digits the reader's way.
func ruleNumber(sp locale.Speaker, digits string) string {
	n, err := strconv.Atoi(digits)
	if err != nil {
		return digits
	}
	return sp.Number(n)
}

// ruleText is a rule's English message in the reader's language, or the
// message itself when it is not one the catalog names. An English reader
// reads it exactly as the rule wrote it, as the REST API answers it.
func ruleText(sp locale.Speaker, message string) string {
	if sp.Lang == locale.English || sp.Lang == "" {
		return message
	}
	for _, r := range ruleMessages {
		if m := r.pattern.FindStringSubmatch(message); m != nil {
			return r.say(sp, m)
		}
	}
	return message
}

// sayFormErrors puts every message of a form in the reader's language.
func sayFormErrors(sp locale.Speaker, f form.Form) {
	for field, message := range f.Errors {
		f.Errors[field] = ruleText(sp, message)
	}
}
