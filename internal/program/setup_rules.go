package program

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
)

// checkSetup applies the rules of the address customers reach, the line
// on what the company does and the mail server.
func checkSetup(errs Errors, d Draft) {
	errs.fail("app_url", checkAppURL(d.AppURL))
	errs.fail("what_we_do", checkLine(d.WhatWeDo, 200))
	errs.fail("smtp_host", checkHost(d.SMTPHost))
	errs.fail("smtp_port", checkInt(d.SMTPPort, 1, 65535, d.SMTPHost != ""))
	errs.fail("smtp_username", tooLong(d.SMTPUsername, 255))
	errs.fail("smtp_password", checkMailPassword(d.SMTPPassword))
}

// applySetup copies the checked address and mail server fields onto the
// record: the address without its trailing slash, an empty port keeps the
// stored one, an empty password keeps the stored one.
func applySetup(r *core.Record, d Draft) {
	r.Set("app_url", TrimAppURL(d.AppURL))
	r.Set("what_we_do", strings.TrimSpace(d.WhatWeDo))
	r.Set("smtp_host", strings.TrimSpace(d.SMTPHost))
	r.Set("smtp_username", d.SMTPUsername)
	r.Set("smtp_tls", d.SMTPTLS)
	if port, err := strconv.Atoi(d.SMTPPort); err == nil {
		r.Set("smtp_port", port)
	}
	applySecret(r, "smtp_password", d.SMTPPassword)
}

// Normalize tidies what any client may have sent before the record is
// checked: spaces around the address and the host, the address's trailing
// slash; a currency code in small letters, and an empty currency or time
// zone, which read as USD and UTC; the default language as the shipped
// locale it names ("de-AT" is "de", none is English). An unknown language
// is left for Check to refuse.
func Normalize(r *core.Record) {
	r.Set("app_url", TrimAppURL(r.GetString("app_url")))
	r.Set("smtp_host", strings.TrimSpace(r.GetString("smtp_host")))
	if r.Collection().Fields.GetByName("currency") != nil {
		currency, zone := normalizeLocale(r.GetString("currency"), r.GetString("timezone"))
		r.Set("currency", currency)
		r.Set("timezone", zone)
	}
	if r.Collection().Fields.GetByName("default_locale") != nil {
		if written, err := locale.Written(r.GetString("default_locale")); err == nil {
			r.Set("default_locale", written)
		}
	}
}

// TrimAppURL is an address as it is stored: no spaces around it, no
// trailing slash.
func TrimAppURL(v string) string {
	return strings.TrimRight(strings.TrimSpace(v), "/")
}

// checkAppURL checks the address customers reach: http or https, a host,
// and nothing after it, since every link adds its own path.
func checkAppURL(v string) string {
	v = TrimAppURL(v)
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "Enter the full address your customers open, starting with https://, such as https://refer.example.com."
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(v, "?") {
		return "Enter the address alone, such as https://refer.example.com, without a path or a ?query: Warmloop adds the path of each link."
	}
	return tooLong(v, 300)
}

// checkHost checks the mail server's host: a name or an IP address alone,
// without a scheme or a port.
func checkHost(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return ""
	case strings.Contains(v, "://"):
		return "Enter the host name alone, such as smtp.example.com, without smtp:// or https:// in front."
	case is.Host.Validate(v) != nil:
		return "Enter the host name alone, such as smtp.example.com; the port goes in its own field."
	}
	return tooLong(v, 255)
}

// checkLine checks an optional one-line text of at most limit characters.
func checkLine(v string, limit int) string {
	if strings.ContainsAny(v, "\r\n") {
		return "Keep it to one line."
	}
	return tooLong(strings.TrimSpace(v), limit)
}

// checkMailPassword checks a typed SMTP password: any characters a
// provider may use, on one line, and not typed while asking to clear it.
func checkMailPassword(c SecretChange) string {
	switch {
	case c.New != "" && c.Clear:
		return "Either type a new password or tick “clear it”, not both."
	case strings.ContainsAny(c.New, "\r\n"):
		return "The password is one line: leave out line breaks."
	}
	return tooLong(c.New, 500)
}
