package program_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

// validDraft is a complete, valid settings draft.
func validDraft() program.Draft {
	return program.Draft{
		CompanyName: "Northwind", SenderName: "Ana at Northwind", SenderAddress: "ana@northwind.example",
		SalesInbox: "sales@northwind.example", NPSThreshold: "8", Cadence: "custom", CadenceDays: "30",
		CooldownDays: "21", TouchLimit: "4", RestDays: "60", BookingURL: "https://cal.example/northwind",
		WebhookURL: "https://crm.example/hooks/warmloop", WebhookEvents: []string{"referral.created", "referral.booked"},
	}
}

func TestCheckRefusesEachBadFieldWithItsFirstMessage(t *testing.T) {
	app := schemaapp.New(t)
	off := schemaapp.Save(t, app, "incentives", map[string]any{"name": "Old swag", "kind": "access", "active": false, "position": 90})
	cases := []struct {
		name, field, want string
		change            func(d *program.Draft)
	}{
		{"a company name is required", "company_name", "This is required", func(d *program.Draft) { d.CompanyName = "" }},
		{"a sender name is kept short", "sender_name", "Keep it under 201 characters (this is 201)", func(d *program.Draft) { d.SenderName = strings.Repeat("é", 201) }},
		{"the sender address is required", "sender_address", "Enter an email address, such", func(d *program.Draft) { d.SenderAddress = "" }},
		{"an address comes alone, without a name", "sales_inbox", "Enter an email address alone", func(d *program.Draft) { d.SalesInbox = "Sales <sales@northwind.example>" }},
		{"an address needs a dotted domain", "sales_inbox", "Enter an email address alone", func(d *program.Draft) { d.SalesInbox = "sales@localhost" }},
		{"the NPS threshold is 0 to 10", "nps_threshold", "Enter a number from 0 to 10.", func(d *program.Draft) { d.NPSThreshold = "11" }},
		{"a number is a whole number", "rest_days", "Enter a whole number, such as 1, without decimals or units.", func(d *program.Draft) { d.RestDays = "two" }},
		{"a required number is not empty", "cooldown_days", "Enter a whole number from 1 to 365.", func(d *program.Draft) { d.CooldownDays = "" }},
		{"the touch limit is 1 to 10", "touch_limit", "Enter a number from 1 to 10.", func(d *program.Draft) { d.TouchLimit = "0" }},
		{"a cadence is one of the presets", "cadence", "Choose how often", func(d *program.Draft) { d.Cadence = "weekly" }},
		{"a custom cadence needs its days", "cadence_days", "Enter a whole number from 1 to 365.", func(d *program.Draft) { d.CadenceDays = "" }},
		{"a web address is http or https", "booking_url", "starting with https://", func(d *program.Draft) { d.BookingURL = "ftp://files.example/x" }},
		{"a script is not a web address", "webhook_url", "starting with https://", func(d *program.Draft) { d.WebhookURL = "javascript:alert(1)" }},
		{"a web address is kept short", "webhook_url", "Keep it under 2001 characters", func(d *program.Draft) { d.WebhookURL = "https://crm.example/" + strings.Repeat("a", 2000) }},
		{"webhook events come from the list", "webhook_events", "Choose events from the list.", func(d *program.Draft) { d.WebhookEvents = []string{"referral.created", "everything"} }},
		{"a secret is typed or cleared, not both", "nps_secret", "not both", func(d *program.Draft) {
			d.Secrets = map[string]program.SecretChange{"nps_secret": {New: "another-long-secret", Clear: true}}
		}},
		{"a secret is at least 12 characters", "webhook_secret", "at least 12 characters", func(d *program.Draft) {
			d.Secrets = map[string]program.SecretChange{"webhook_secret": {New: "short1"}}
		}},
		{"a secret has no spaces", "booking_secret", "Leave out spaces", func(d *program.Draft) {
			d.Secrets = map[string]program.SecretChange{"booking_secret": {New: "a long secret with spaces"}}
		}},
		{"a secret is under 200 characters", "booking_secret", "Keep it under 200 characters.", func(d *program.Draft) {
			d.Secrets = map[string]program.SecretChange{"booking_secret": {New: strings.Repeat("s", 201)}}
		}},
		{"an SMTP port is 1 to 65535", "smtp_port", "Enter a number from 1 to 65535.", func(d *program.Draft) { d.SMTPHost, d.SMTPPort = "smtp.example.net", "0" }},
		{"an SMTP host needs its port", "smtp_port", "Enter a whole number from 1 to 65535.", func(d *program.Draft) { d.SMTPHost, d.SMTPPort = "smtp.example.net", "" }},
		{"an SMTP host comes without a scheme", "smtp_host", "without smtp:// or https://", func(d *program.Draft) { d.SMTPHost, d.SMTPPort = "https://smtp.example.net", "587" }},
		{"an SMTP host comes without its port", "smtp_host", "the port goes in its own field", func(d *program.Draft) { d.SMTPHost, d.SMTPPort = "smtp.example.net:587", "587" }},
		{"an SMTP password is typed or cleared, not both", "smtp_password", "not both", func(d *program.Draft) {
			d.SMTPPassword = program.SecretChange{New: "pw", Clear: true}
		}},
		{"the Application URL is a web address", "app_url", "starting with https://", func(d *program.Draft) { d.AppURL = "refer.example.com" }},
		{"the Application URL has no path", "app_url", "without a path", func(d *program.Draft) { d.AppURL = "https://example.com/refer/" }},
		{"the Application URL has no query", "app_url", "without a path or a ?query", func(d *program.Draft) { d.AppURL = "https://example.com/?a=b" }},
		{"what the company does fits on one line", "what_we_do", "one line", func(d *program.Draft) { d.WhatWeDo = "We help.\nA lot." }},
		{"an unknown incentive is refused", "current_incentive", "Choose an active incentive", func(d *program.Draft) { d.CurrentIncentive = "nosuchincentive" }},
		{"a switched-off incentive cannot be chosen", "current_incentive", "Choose an active incentive", func(d *program.Draft) { d.CurrentIncentive = off.Id }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := validDraft()
			c.change(&d)
			errs := program.Check(app, d, "")
			if len(errs) != 1 || !strings.Contains(errs[c.field], c.want) {
				t.Errorf("errors %v, want only %s: %q", errs, c.field, c.want)
			}
		})
	}
}

func TestApplyStoresTheAddressWithoutItsSlashAndKeepsAnUntypedMailPassword(t *testing.T) {
	app := schemaapp.New(t)
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("smtp_password", "stored password")
	d := validDraft()
	d.AppURL, d.SMTPHost, d.SMTPPort, d.SMTPTLS = " https://refer.example.com/ ", "smtp.example.net", "465", true
	if errs := program.Check(app, d, ""); len(errs) != 0 {
		t.Fatalf("the draft was refused: %v", errs)
	}
	program.Apply(r, d)
	if r.GetString("app_url") != "https://refer.example.com" || r.GetString("smtp_host") != "smtp.example.net" ||
		r.GetInt("smtp_port") != 465 || !r.GetBool("smtp_tls") || r.GetString("smtp_password") != "stored password" {
		t.Errorf("the record after Apply: %v", r.FieldsData())
	}
	d.SMTPPassword = program.SecretChange{New: " a password with spaces "}
	program.Apply(r, d)
	if got := r.GetString("smtp_password"); got != " a password with spaces " {
		t.Errorf("a typed password is stored as %q", got)
	}
}

func TestCheckPassesAValidDraftAndKeepsTheOfferedIncentiveEvenIfSwitchedOff(t *testing.T) {
	app := schemaapp.New(t)
	if errs := program.Check(app, validDraft(), ""); len(errs) != 0 {
		t.Errorf("a valid draft was refused: %v", errs)
	}
	off := schemaapp.Save(t, app, "incentives", map[string]any{"name": "Old swag", "kind": "access", "active": false, "position": 90})
	d := validDraft()
	d.CurrentIncentive = off.Id
	d.Cadence, d.CadenceDays = "balanced", "" // days are needed for a custom cadence only
	if errs := program.Check(app, d, off.Id); len(errs) != 0 {
		t.Errorf("keeping the offered incentive was refused: %v", errs)
	}
}

func TestApplyKeepsAnEmptySecretClearsATickedOneAndReplacesATypedOne(t *testing.T) {
	app := schemaapp.New(t)
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range program.SecretFields {
		r.Set(name, "stored-"+name)
	}
	d := validDraft()
	d.CadenceDays = "" // empty days keep the stored ones
	d.Secrets = map[string]program.SecretChange{"nps_secret": {Clear: true}, "booking_secret": {New: "a-brand-new-booking-secret"}}
	program.Apply(r, d)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	s, err := program.Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if s.NPSSecret != "" || s.BookingSecret != "a-brand-new-booking-secret" || s.WebhookSecret != "stored-webhook_secret" {
		t.Errorf("secrets after the save: %+v", s)
	}
	if s.CompanyName != "Northwind" || s.Cadence != "custom" || s.CadenceDays != 42 || s.CooldownDays != 21 || s.TouchLimit != 4 ||
		s.RestDays != 60 || s.NPSThreshold != 8 || strings.Join(s.WebhookEvents, ",") != "referral.created,referral.booked" {
		t.Errorf("values after the save: %+v", s)
	}
}

func TestDraftOfShowsACustomCadenceWithoutDaysEmpty(t *testing.T) {
	app := schemaapp.New(t)
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	if d := program.DraftOf(r); d.CadenceDays != "42" || d.NPSThreshold != "9" || d.CompanyName != "Acme" {
		t.Errorf("the seeded settings read as %+v", d)
	}
	r.Set("cadence_days", 0)
	if d := program.DraftOf(r); d.CadenceDays != "" {
		t.Errorf("no days read as %q", d.CadenceDays)
	}
}

func TestValidateRecordGuardsTheRecordsValuesButNotItsStoredSecrets(t *testing.T) {
	app := schemaapp.New(t)
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("booking_secret", "bk-secret") // short, but stored: not a typed secret
	if err := program.ValidateRecord(app, r); err != nil {
		t.Errorf("the seeded settings were refused: %v", err)
	}
	r.Set("touch_limit", 99)
	r.Set("webhook_url", "ftp://files.example/x")
	var verrs validation.Errors
	if err := program.ValidateRecord(app, r); !errors.As(err, &verrs) || len(verrs) != 2 ||
		verrs["touch_limit"] == nil || verrs["webhook_url"] == nil {
		t.Errorf("ValidateRecord = %v, want errors on touch_limit and webhook_url", err)
	}
}

func TestTheCapsAndTheLinkLifeAreCheckedAppliedAndKeptWhenLeftEmpty(t *testing.T) {
	app := schemaapp.New(t)
	for _, c := range []struct {
		name, field, want string
		change            func(d *program.Draft)
	}{
		{"a link sends at least one introduction a day", "ask_intros_per_day", "Enter a number from 1 to 1000.", func(d *program.Draft) { d.AskIntrosPerDay = "0" }},
		{"a referrer's week is at most 1,000", "referrer_intros_per_week", "Enter a number from 1 to 1000.", func(d *program.Draft) { d.ReferrerIntrosPerWeek = "1001" }},
		{"a link's life is a whole number of days", "ask_link_days", "Enter a whole number", func(d *program.Draft) { d.AskLinkDays = "90 days" }},
		{"a link's life is at most ten years", "ask_link_days", "Enter a number from 1 to 3650.", func(d *program.Draft) { d.AskLinkDays = "3651" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := validDraft()
			c.change(&d)
			if errs := program.Check(app, d, ""); len(errs) != 1 || !strings.Contains(errs[c.field], c.want) {
				t.Errorf("errors %v, want only %s: %q", errs, c.field, c.want)
			}
		})
	}

	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	if d := program.DraftOf(r); d.AskIntrosPerDay != "5" || d.ReferrerIntrosPerWeek != "20" || d.AskLinkDays != "90" {
		t.Errorf("the seeded caps read as %q a day, %q a week, %q days", d.AskIntrosPerDay, d.ReferrerIntrosPerWeek, d.AskLinkDays)
	}
	d := validDraft() // a form without the caps keeps them
	program.Apply(r, d)
	d.AskIntrosPerDay, d.AskLinkDays = "3", "30"
	program.Apply(r, d)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	s, _ := program.Load(app)
	if s.AskDayCap() != 3 || s.ReferrerWeekCap() != 20 || s.AskLinkAge() != 30*24*time.Hour {
		t.Errorf("after the save: %d a day, %d a week, links live %v", s.AskDayCap(), s.ReferrerWeekCap(), s.AskLinkAge())
	}
	r.Set("referrer_intros_per_week", 0) // through the API, say
	var verrs validation.Errors
	if err := program.ValidateRecord(app, r); !errors.As(err, &verrs) || len(verrs) != 1 || verrs["referrer_intros_per_week"] == nil {
		t.Errorf("ValidateRecord = %v, want an error on referrer_intros_per_week", err)
	}
}

func TestSettingsWithoutCapsReadAsTheDefaults(t *testing.T) {
	var s program.Settings
	if s.AskDayCap() != 5 || s.ReferrerWeekCap() != 20 || s.AskLinkAge() != 90*24*time.Hour {
		t.Errorf("zero settings: %d a day, %d a week, links live %v", s.AskDayCap(), s.ReferrerWeekCap(), s.AskLinkAge())
	}
}
