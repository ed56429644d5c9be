package privacy_test

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"warmloop/internal/privacy"
)

// idsIn lists the ids of exported records, sorted.
func idsIn(records []map[string]any) []string {
	var out []string
	for _, r := range records {
		out = append(out, r["id"].(string))
	}
	sort.Strings(out)
	return out
}

// sameIDs fails the test unless an export's list holds exactly want.
func sameIDs(t *testing.T, what string, got []map[string]any, want []string) {
	t.Helper()
	sort.Strings(want)
	if g := idsIn(got); !slices.Equal(g, want) {
		t.Errorf("%s: exported %v, want %v", what, g, want)
	}
}

func TestExportHoldsEveryKindOfRecordAboutThePerson(t *testing.T) {
	f := newJo(t)
	// Typed as a person might: capitals and a stray space.
	x, err := privacy.ExportOf(f.app, "  JO@fabrikam.example ")
	if err != nil {
		t.Fatal(err)
	}
	if x.Email != joEmail {
		t.Errorf("export for %q, want %q", x.Email, joEmail)
	}
	if x.Customer == nil || x.Customer["id"] != f.customer.Id || x.Customer["name"] != "Jo Bloggs" {
		t.Errorf("customer: %v", x.Customer)
	}
	sameIDs(t, "moments", x.Moments, ids(f.moment))
	sameIDs(t, "asks", x.Asks, ids(f.ask))
	sameIDs(t, "referrals made", x.ReferralsMade, ids(f.byJo))
	sameIDs(t, "referrals received", x.ReferralsReceived, ids(f.fromAna))
	sameIDs(t, "rewards", x.Rewards, ids(f.reward))
	sameIDs(t, "emails", x.Emails, ids(f.emails...))
	sameIDs(t, "webhooks", x.Webhooks, ids(f.webhooks...))
	if len(x.ReferralHistory) != 5 {
		t.Errorf("%d history entries, want the 5 moves of Jo's two referrals", len(x.ReferralHistory))
	}
	if len(x.ReferralNotes) != 2 {
		t.Errorf("%d notes, want the team's note on each of Jo's two referrals", len(x.ReferralNotes))
	}
}

func TestExportIsOneJSONDocumentWithWebhookBodiesAndNoLinkKeys(t *testing.T) {
	f := newJo(t)
	x, err := privacy.ExportOf(f.app, joEmail)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := x.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Webhooks []struct {
			Event string `json:"event"`
			Body  struct {
				Data map[string]map[string]any `json:"data"`
			} `json:"body"`
		} `json:"webhooks"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal("the export is not one JSON document:", err)
	}
	if len(doc.Webhooks) == 0 || doc.Webhooks[0].Body.Data["referral"]["referee_name"] != "Jo Bloggs" {
		t.Errorf("the webhook body is not in the export as the JSON that was sent: %+v", doc.Webhooks)
	}
	for _, key := range []string{f.askToken, f.shareCode, f.introCode} {
		if strings.Contains(string(raw), key) {
			t.Errorf("the export holds the link key %s", key)
		}
	}
	for _, other := range []string{"ben@bluepeak.example", "Ben Okafor", "Ana, a quick favour?"} {
		if strings.Contains(string(raw), other) {
			t.Errorf("the export holds someone else's record: %q", other)
		}
	}
}

func TestExportOfAnUnknownOrMalformedEmailSaysSo(t *testing.T) {
	f := newJo(t)
	if _, err := privacy.ExportOf(f.app, "nobody@fabrikam.example"); !errors.Is(err, privacy.ErrUnknown) {
		t.Errorf("unknown email: %v, want ErrUnknown", err)
	}
	if _, err := privacy.ExportOf(f.app, "jo at fabrikam"); !errors.Is(err, privacy.ErrNotEmail) {
		t.Errorf("malformed email: %v, want ErrNotEmail", err)
	}
}

func TestExportFindsARefereeWhoIsNoCustomer(t *testing.T) {
	f := newJo(t)
	x, err := privacy.ExportOf(f.app, "KIM@contoso.example")
	if err != nil {
		t.Fatal(err)
	}
	if x.Customer != nil {
		t.Errorf("Kim is no customer, yet the export has %v", x.Customer)
	}
	sameIDs(t, "referrals received", x.ReferralsReceived, ids(f.byJo))
	sameIDs(t, "emails", x.Emails, ids(f.emails[3]))
}
