package cli_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/cli"
	"warmloop/tests/schemaapp"
)

// runPrivacy runs `warmloop privacy args…` on app and returns what it
// printed and its error.
func runPrivacy(app core.App, args ...string) (string, error) {
	cmd := cli.NewPrivacyCommand(app)
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

// withJo is a program with one customer, Jo, who introduced Kim.
func withJo(t *testing.T) core.App {
	app := schemaapp.New(t)
	jo := schemaapp.Customer(t, app, "Jo Bloggs", "jo@fabrikam.example", nil)
	schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": jo.Id, "referee_name": "Kim Park", "referee_email": "kim@contoso.example", "status": "invited",
	})
	return app
}

func TestPrivacyExportPrintsOneJSONDocument(t *testing.T) {
	app := withJo(t)
	out, err := runPrivacy(app, "export", "Jo@Fabrikam.example")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Email         string           `json:"email"`
		Customer      map[string]any   `json:"customer"`
		ReferralsMade []map[string]any `json:"referrals_made"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("the output is not one JSON document: %v\n%s", err, out)
	}
	if doc.Email != "jo@fabrikam.example" || doc.Customer["name"] != "Jo Bloggs" || len(doc.ReferralsMade) != 1 {
		t.Errorf("export: %+v", doc)
	}
}

func TestPrivacyEraseSaysWhatItErased(t *testing.T) {
	app := withJo(t)
	out, err := runPrivacy(app, "erase", "jo@fabrikam.example")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Erased jo@fabrikam.example from a customer record, 1 referral made.") {
		t.Errorf("erase printed %q", out)
	}
	if n, _ := app.CountRecords("customers", nil); n != 1 {
		t.Errorf("%d customers after erasing, want the 1 record kept for the figures", n)
	}
	if _, err := app.FindFirstRecordByData("customers", "name", "Jo Bloggs"); err == nil {
		t.Error("Jo's name is still stored")
	}
}

func TestPrivacyCommandsRefuseAnUnknownOrMalformedEmail(t *testing.T) {
	app := withJo(t)
	for _, args := range [][]string{
		{"export", "nobody@fabrikam.example"}, {"erase", "nobody@fabrikam.example"},
		{"export", "not an email"}, {"erase", "not an email"}, {"erase"},
	} {
		out, err := runPrivacy(app, args...)
		if err == nil {
			t.Errorf("privacy %v succeeded", args)
		}
		if out != "" {
			t.Errorf("privacy %v printed %q", args, out)
		}
	}
	if _, err := app.FindFirstRecordByData("customers", "name", "Jo Bloggs"); err != nil {
		t.Error("a refused erase changed Jo:", err)
	}
}
