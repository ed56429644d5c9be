package dashboard

import (
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"warmloop/views/form"

	"github.com/pocketbase/pocketbase/core"
)

// settCadences are the cadence presets, with how often each asks again.
var settCadences = []progOption{
	{Value: "aggressive", Label: "Aggressive: every 3 weeks"},
	{Value: "balanced", Label: "Balanced: every 6 weeks"},
	{Value: "conservative", Label: "Conservative: every 13 weeks"},
	{Value: "custom", Label: "Custom: every N days (below)"},
}

// settEvents are the events an outgoing webhook can carry.
var settEvents = []progOption{
	{Value: "referral.created", Label: "referral.created: a referral was made"},
	{Value: "referral.status_changed", Label: "referral.status_changed: a referral moved in the pipeline"},
	{Value: "referral.booked", Label: "referral.booked: a referee booked a meeting"},
	{Value: "customer.created", Label: "customer.created: a customer was added (a won referral too)"},
	{Value: "reward.earned", Label: "reward.earned: a referrer reached a tier"},
}

// settSecretFields are the shared secrets in the settings: never shown,
// only whether one is set.
var settSecretFields = []settSecret{
	{Name: "webhook_secret", Label: "Webhook signing secret",
		Hint: "Signs every outgoing webhook (Warmloop-Signature header) so your CRM can check it came from here."},
	{Name: "nps_secret", Label: "NPS webhook secret",
		Hint: "NPS tools prove it on /hooks/nps/{provider}. Until one is set, every NPS webhook is refused."},
	{Name: "booking_secret", Label: "Booking webhook secret",
		Hint: "Booking tools pass it as ?token= on /hooks/booking/{provider}."},
}

// settSecret is one secret field: its label, whether a value is stored,
// and what the last post did with it.
type settSecret struct {
	Name, Label, Hint string
	IsSet             bool
	Clear             bool
	Typed             bool
	Error             string
}

// settPage is the settings screen: the program settings form and the SMTP card.
type settPage struct {
	adminPage
	Form       form.Form
	Cadences   []progOption
	Events     []progOption
	Incentives []progOption
	Secrets    []settSecret
	NPSURL     string
	BookingURL string
	SMTP       settSMTP
	Test       settTest
}

// settRecord is the one settings record.
func settRecord(app core.App) (*core.Record, error) {
	return app.FindFirstRecordByFilter("settings", "")
}

// settShow shows the settings form filled from the record.
func settShow(e *core.RequestEvent) error {
	r, err := settRecord(e.App)
	if err != nil {
		return err
	}
	return settRender(e, http.StatusOK, r, settValues(r), settTest{})
}

// settValues fills the form from the record; secrets are left out.
func settValues(r *core.Record) form.Form {
	v := url.Values{}
	for _, name := range []string{"company_name", "sender_name", "sender_address", "sales_inbox", "cadence",
		"booking_url", "webhook_url", "current_incentive"} {
		v.Set(name, r.GetString(name))
	}
	for _, name := range []string{"nps_threshold", "cadence_days", "cooldown_days", "touch_limit", "rest_days"} {
		v.Set(name, strconv.Itoa(r.GetInt(name)))
	}
	if v.Get("cadence_days") == "0" {
		v.Set("cadence_days", "")
	}
	v["webhook_events"] = r.GetStringSlice("webhook_events")
	return form.Form{Values: v, Errors: map[string]string{}}
}

// settRender renders the screen with the form f (what was typed, or the
// record's values) and the outcome of a test email, if any.
func settRender(e *core.RequestEvent, status int, r *core.Record, f form.Form, test settTest) error {
	incs, err := progTierIncentiveOptions(e.App, f.Get("current_incentive"))
	if err != nil {
		return err
	}
	incs[0].Label = "The first active incentive in the catalog"
	events := progOptions(settEvents, "")
	for i := range events {
		for _, chosen := range f.Values["webhook_events"] {
			events[i].Selected = events[i].Selected || chosen == events[i].Value
		}
	}
	base := strings.TrimRight(e.App.Settings().Meta.AppURL, "/")
	p := settPage{
		adminPage: newAdminPage(e, "settings"), Form: f, Cadences: progOptions(settCadences, f.Get("cadence")),
		Events: events, Incentives: incs, Secrets: settSecrets(r, f),
		NPSURL: base + "/hooks/nps/generic", BookingURL: base + "/hooks/booking/calendly?token=…",
		SMTP: settSMTPStatus(e.App), Test: test,
	}
	return render(e, status, "admin/settings", p)
}

// settSecrets describes each secret field: stored or not, and what the
// posted form asked (clear it, or a new value that was not saved).
func settSecrets(r *core.Record, f form.Form) []settSecret {
	out := make([]settSecret, len(settSecretFields))
	for i, s := range settSecretFields {
		s.IsSet = r.GetString(s.Name) != ""
		s.Clear = f.Checked(s.Name + "_clear")
		s.Typed = f.Get(s.Name) != ""
		s.Error = f.Error(s.Name)
		out[i] = s
	}
	return out
}

// settSave validates the form and saves the settings record through
// app.Save, so the hooks run and every reader sees the new settings.
func settSave(e *core.RequestEvent) error {
	r, err := settRecord(e.App)
	if err != nil {
		return err
	}
	f := form.New(e)
	settValidate(e.App, f, r)
	if !f.Valid() {
		return settRender(e, http.StatusUnprocessableEntity, r, f, settTest{})
	}
	settApply(r, f)
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		fresh, ferr := settRecord(e.App)
		if ferr != nil {
			return ferr
		}
		return settRender(e, http.StatusUnprocessableEntity, fresh, f, settTest{})
	}
	return redirectNotice(e, "/dashboard/settings", "saved")
}

// settValidate checks every field of the settings form, with ranges that
// make sense for a referral program.
func settValidate(app core.App, f form.Form, r *core.Record) {
	for _, name := range []string{"company_name", "sender_name"} {
		if f.Get(name) == "" {
			f.Fail(name, "This is required: customers see it in every email.")
		}
		progMaxLen(f, name, 200)
	}
	settEmail(f, "sender_address", true)
	settEmail(f, "sales_inbox", false)
	progInt(f, "nps_threshold", 0, 10, true)
	progOneOf(f, "cadence", settCadences, "Choose how often the cadence asks again.")
	progInt(f, "cadence_days", 1, 365, f.Get("cadence") == "custom")
	progInt(f, "cooldown_days", 1, 365, true)
	progInt(f, "touch_limit", 1, 10, true)
	progInt(f, "rest_days", 1, 365, true)
	settURL(f, "booking_url")
	settURL(f, "webhook_url")
	for _, ev := range f.Values["webhook_events"] {
		if !slices.ContainsFunc(settEvents, func(o progOption) bool { return o.Value == ev }) {
			f.Fail("webhook_events", "Choose events from the list.")
		}
	}
	for _, s := range settSecretFields {
		v := f.Get(s.Name)
		switch {
		case v != "" && f.Checked(s.Name+"_clear"):
			f.Fail(s.Name, "Either type a new secret or tick “clear it”, not both.")
		case v != "" && len(v) < 12:
			f.Fail(s.Name, "Use at least 12 characters; a long random string is best.")
		case len(v) > 200:
			f.Fail(s.Name, "Keep it under 200 characters.")
		case strings.ContainsAny(v, " \t"):
			f.Fail(s.Name, "Leave out spaces: tools pass the secret in URLs and headers.")
		}
	}
	if inc := f.Get("current_incentive"); inc != "" && inc != r.GetString("current_incentive") {
		if rec, err := app.FindRecordById("incentives", inc); err != nil || !rec.GetBool("active") {
			f.Fail("current_incentive", "Choose an active incentive from the list.")
		}
	}
}

// settEmail checks an email address field.
func settEmail(f form.Form, name string, required bool) {
	v := f.Get(name)
	if v == "" {
		if required {
			f.Fail(name, "Enter an email address, such as referrals@yourcompany.com.")
		}
		return
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@"):], ".") {
		f.Fail(name, "Enter an email address alone, such as referrals@yourcompany.com.")
	}
}

// settURL checks an optional web address: http or https, with a host.
func settURL(f form.Form, name string) {
	v := f.Get(name)
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		f.Fail(name, "Enter a full web address starting with https://, such as https://example.com/path.")
	}
	progMaxLen(f, name, 2000)
}

// settApply copies a valid form onto the record: an empty secret keeps the
// stored one, a ticked "clear it" removes it.
func settApply(r *core.Record, f form.Form) {
	for _, name := range []string{"company_name", "sender_name", "sender_address", "sales_inbox", "cadence",
		"booking_url", "webhook_url", "current_incentive"} {
		r.Set(name, f.Get(name))
	}
	for _, name := range []string{"nps_threshold", "cooldown_days", "touch_limit", "rest_days"} {
		n, _ := strconv.Atoi(f.Get(name))
		r.Set(name, n)
	}
	if days, err := strconv.Atoi(f.Get("cadence_days")); err == nil {
		r.Set("cadence_days", days)
	}
	r.Set("webhook_events", f.Values["webhook_events"])
	for _, s := range settSecretFields {
		switch {
		case f.Checked(s.Name + "_clear"):
			r.Set(s.Name, "")
		case f.Get(s.Name) != "":
			r.Set(s.Name, f.Get(s.Name))
		}
	}
}
