package intake_test

import (
	"testing"
	"time"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

// withLocale is a renewal source that reads the customer's language at
// /data/contact/locale.
var withLocale = intake.Source{
	Name: "crm-renewals", Kind: "renewal", Email: "/data/contact/email", ExternalID: "/data/id",
	Locale: "/data/contact/locale", Auth: intake.AuthToken, Secret: "tok-123456",
}

func TestASourcesLocalePointerGivesTheCustomerTheirLanguageThroughTheIntakeRule(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name, body, email, want string
	}{
		{"a good tag is stored in its one form on a new customer",
			`{"data":{"id":"r1","contact":{"email":"lea@wien.example","locale":" de_AT "}}}`, "lea@wien.example", "de-AT"},
		{"a malformed tag is not stored",
			`{"data":{"id":"r2","contact":{"email":"mo@acme.example","locale":"de\"><script>"}}}`, "mo@acme.example", ""},
		{"a language Warmloop does not ship is not stored",
			`{"data":{"id":"r3","contact":{"email":"yui@acme.example","locale":"ja"}}}`, "yui@acme.example", ""},
		{"an object where the tag should be is not stored and refuses nothing",
			`{"data":{"id":"r4","contact":{"email":"ob@acme.example","locale":{"lang":"de"}}}}`, "ob@acme.example", ""},
		{"no value at the pointer leaves a customer's language alone",
			`{"data":{"id":"r5","contact":{"email":"fran@acme.example"}}}`, "fran@acme.example", "fr"},
		{"a customer's own language is kept over the source's",
			`{"data":{"id":"r6","contact":{"email":"fran@acme.example","locale":"es"}}}`, "fran@acme.example", "fr"},
		{"a customer without a language takes the source's",
			`{"data":{"id":"r7","contact":{"email":"nolang@acme.example","locale":"nl"}}}`, "nolang@acme.example", "nl"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := schemaapp.New(t)
			schemaapp.Customer(t, app, "Fran Dupont", "fran@acme.example", map[string]any{"locale": "fr"})
			schemaapp.Customer(t, app, "No Lang", "nolang@acme.example", nil)
			mapped, err := withLocale.Map([]byte(c.body), now)
			if err != nil || mapped.Ignored != "" {
				t.Fatalf("mapping refused the delivery: %v %q", err, mapped.Ignored)
			}
			if _, err := intake.Record(app, mapped.Moment); err != nil {
				t.Fatal(err)
			}
			customer, err := app.FindFirstRecordByData("customers", "email", c.email)
			if err != nil {
				t.Fatal(err)
			}
			if got := customer.GetString("locale"); got != c.want {
				t.Errorf("the customer's language is %q, want %q", got, c.want)
			}
		})
	}
}

func TestASourceWithoutALocalePointerReadsNoLanguage(t *testing.T) {
	src := withLocale
	src.Locale = ""
	mapped, err := src.Map([]byte(`{"data":{"id":"r1","contact":{"email":"lea@wien.example","locale":"de"}}}`), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if mapped.Moment.Locale != "" {
		t.Errorf("a source without a locale pointer read %q", mapped.Moment.Locale)
	}
}

func TestALocalePointerIsCheckedAsThePointersAre(t *testing.T) {
	kinds := []string{"nps", "renewal"}
	for ptr, want := range map[string]string{
		"":                     "",
		"/data/contact/locale": "",
		"data/locale":          "a JSON pointer starts with a slash, such as /data/contact/email",
	} {
		src := withLocale
		src.Locale = ptr
		got := src.Problems(kinds)["locale_pointer"]
		if (want == "") != (got == "") || len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("locale pointer %q: problem %q, want %q", ptr, got, want)
		}
	}
}
