package prepared_test

import (
	"database/sql"
	"errors"
	"testing"

	"warmloop/internal/prepared"
	"warmloop/tests/schemaapp"
)

func TestTheRefereeReadIsTheReferralAndItsReferrer(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", map[string]any{"company": "Acme"})
	sam := schemaapp.Customer(t, app, "Sam Reyes", "sam@contoso.example", map[string]any{"company": "Contoso"})
	jo := schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "referee_name": "Jo Bloggs", "referee_email": "jo@fabrikam.example", "referee_company": "Fabrikam",
		"status": "booked", "flag": "unconfirmed", "preferred_times": "Tuesdays", "phone": "+44 20 7946 0000",
		"message": "Jo runs ops at Fabrikam.",
	})
	schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": sam.Id, "referee_name": "Lee", "referee_email": "lee@fabrikam.example", "status": "invited",
	})

	got, err := prepared.RefereeByCode(app, jo.GetString("code"))
	if err != nil {
		t.Fatal(err)
	}
	want := prepared.Referee{
		ID: jo.Id, Code: jo.GetString("code"), Status: "booked", Flag: "unconfirmed",
		Created:     jo.GetDateTime("created").String(),
		RefereeName: "Jo Bloggs", RefereeEmail: "jo@fabrikam.example", RefereeCompany: "Fabrikam",
		PreferredTimes: "Tuesdays", Phone: "+44 20 7946 0000", Message: "Jo runs ops at Fabrikam.",
		ReferrerName: "Ana Lima", ReferrerCompany: "Acme",
	}
	if got != want {
		t.Errorf("read\n%+v\nwant\n%+v", got, want)
	}
}

func TestAnUnknownRefereeCodeIsErrNoRows(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := prepared.RefereeByCode(app, "nobody-has-this-code"); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("RefereeByCode: %v, want sql.ErrNoRows", err)
	}
}
