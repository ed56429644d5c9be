package pb_migrations_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// field describes what the contract says of one field.
type field struct {
	name, typ string
	required  bool
	values    []string // select values, or the collection a relation points to
}

// contract lists every collection of the public contract (DESIGN.md) and the
// settings and history collections, with the fields integrations rely on.
var contract = map[string][]field{
	"customers": {
		{"name", core.FieldTypeText, true, nil},
		{"email", core.FieldTypeEmail, true, nil},
		{"company", core.FieldTypeText, false, nil},
		{"title", core.FieldTypeText, false, nil},
		{"source", core.FieldTypeSelect, true, []string{"direct", "referral", "import"}},
		{"referred_by", core.FieldTypeRelation, false, []string{"referrals"}},
		{"opted_out", core.FieldTypeBool, false, nil},
		{"referral_code", core.FieldTypeText, true, nil},
		{"email_key", core.FieldTypeText, false, nil},
		{"next_ask_at", core.FieldTypeDate, false, nil},
		{"last_asked_at", core.FieldTypeDate, false, nil},
		{"created", core.FieldTypeAutodate, false, nil},
		{"updated", core.FieldTypeAutodate, false, nil},
	},
	"moments": {
		{"customer", core.FieldTypeRelation, true, []string{"customers"}},
		{"kind", core.FieldTypeSelect, true, []string{"nps", "renewal", "support_win", "first_outcome", "custom"}},
		{"score", core.FieldTypeNumber, false, nil},
		{"comment", core.FieldTypeText, false, nil},
		{"source", core.FieldTypeText, true, nil},
		{"external_id", core.FieldTypeText, false, nil},
		{"occurred_at", core.FieldTypeDate, true, nil},
		{"decision", core.FieldTypeSelect, false, []string{"asked", "below_threshold", "cooldown", "opted_out", "open_ask"}},
		{"created", core.FieldTypeAutodate, false, nil},
	},
	"asks": {
		{"customer", core.FieldTypeRelation, true, []string{"customers"}},
		{"moment", core.FieldTypeRelation, false, []string{"moments"}},
		{"touch", core.FieldTypeNumber, true, nil},
		{"token", core.FieldTypeText, true, nil},
		{"variant", core.FieldTypeText, false, nil},
		{"incentive", core.FieldTypeRelation, false, []string{"incentives"}},
		{"status", core.FieldTypeSelect, true, []string{"queued", "sent", "failed", "clicked", "referred"}},
		{"sent_at", core.FieldTypeDate, false, nil},
		{"clicked_at", core.FieldTypeDate, false, nil},
		{"created", core.FieldTypeAutodate, false, nil},
	},
	"referrals": {
		{"referrer", core.FieldTypeRelation, true, []string{"customers"}},
		{"ask", core.FieldTypeRelation, false, []string{"asks"}},
		{"referee_name", core.FieldTypeText, true, nil},
		{"referee_email", core.FieldTypeEmail, true, nil},
		{"referee_company", core.FieldTypeText, false, nil},
		{"message", core.FieldTypeText, false, nil},
		{"code", core.FieldTypeText, true, nil},
		{"status", core.FieldTypeSelect, true, []string{"invited", "visited", "booked", "qualified", "won", "lost"}},
		{"pipeline_value", core.FieldTypeNumber, false, nil},
		{"won_value", core.FieldTypeNumber, false, nil},
		{"referee_customer", core.FieldTypeRelation, false, []string{"customers"}},
		{"flag", core.FieldTypeSelect, false, []string{"duplicate", "self_referral", "unconfirmed"}},
		{"referee_key", core.FieldTypeText, false, nil},
		{"created", core.FieldTypeAutodate, false, nil},
	},
	"incentives": {
		{"name", core.FieldTypeText, true, nil},
		{"kind", core.FieldTypeSelect, true, []string{"recognition", "access", "swag", "experience", "charity", "monetary"}},
		{"description", core.FieldTypeText, false, nil},
		{"active", core.FieldTypeBool, false, nil},
	},
	"tiers": {
		{"name", core.FieldTypeText, true, nil},
		{"threshold", core.FieldTypeNumber, true, nil},
		{"counts", core.FieldTypeSelect, true, []string{"referrals", "wins"}},
		{"incentive", core.FieldTypeRelation, false, []string{"incentives"}},
	},
	"rewards": {
		{"referrer", core.FieldTypeRelation, true, []string{"customers"}},
		{"incentive", core.FieldTypeRelation, false, []string{"incentives"}},
		{"tier", core.FieldTypeRelation, true, []string{"tiers"}},
		{"referral", core.FieldTypeRelation, false, []string{"referrals"}},
		{"status", core.FieldTypeSelect, true, []string{"earned", "approved", "fulfilled", "declined"}},
	},
	"pages": {
		{"slug", core.FieldTypeText, true, nil},
		{"title", core.FieldTypeText, true, nil},
		{"body", core.FieldTypeText, false, nil},
	},
	"outbox": {
		{"kind", core.FieldTypeSelect, true, []string{"email", "webhook"}},
		{"to", core.FieldTypeText, true, nil},
		{"subject", core.FieldTypeText, false, nil},
		{"payload", core.FieldTypeJSON, false, nil},
		{"status", core.FieldTypeSelect, true, []string{"pending", "sending", "sent", "failed"}},
		{"attempts", core.FieldTypeNumber, false, nil},
		{"next_attempt_at", core.FieldTypeDate, false, nil},
		{"last_error", core.FieldTypeText, false, nil},
	},
	"settings": {
		{"company_name", core.FieldTypeText, true, nil},
		{"sender_name", core.FieldTypeText, true, nil},
		{"sender_address", core.FieldTypeEmail, true, nil},
		{"nps_threshold", core.FieldTypeNumber, true, nil},
		{"cadence", core.FieldTypeSelect, true, []string{"aggressive", "balanced", "conservative", "custom"}},
		{"cooldown_days", core.FieldTypeNumber, true, nil},
		{"touch_limit", core.FieldTypeNumber, true, nil},
		{"booking_url", core.FieldTypeURL, false, nil},
		{"webhook_url", core.FieldTypeURL, false, nil},
		{"webhook_secret", core.FieldTypeText, false, nil},
		{"nps_secret", core.FieldTypeText, false, nil},
		{"booking_secret", core.FieldTypeText, false, nil},
		{"app_url", core.FieldTypeURL, false, nil},
		{"smtp_host", core.FieldTypeText, false, nil},
		{"smtp_port", core.FieldTypeNumber, false, nil},
		{"smtp_username", core.FieldTypeText, false, nil},
		{"smtp_password", core.FieldTypeText, false, nil},
		{"smtp_tls", core.FieldTypeBool, false, nil},
		{"smtp_tested_at", core.FieldTypeDate, false, nil},
		{"what_we_do", core.FieldTypeText, false, nil},
	},
	"variants": {
		{"name", core.FieldTypeText, true, nil},
		{"touch", core.FieldTypeSelect, true, []string{"first", "followup"}},
		{"subject", core.FieldTypeText, true, nil},
		{"body", core.FieldTypeText, true, nil},
		{"weight", core.FieldTypeNumber, false, nil},
		{"active", core.FieldTypeBool, false, nil},
	},
	"referral_events": {
		{"referral", core.FieldTypeRelation, true, []string{"referrals"}},
		{"from_status", core.FieldTypeText, false, nil},
		{"to_status", core.FieldTypeText, true, nil},
		{"at", core.FieldTypeDate, true, nil},
	},
}

func TestEveryContractFieldExistsWithItsType(t *testing.T) {
	app := testapp.New(t)
	for name, fields := range contract {
		coll, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Errorf("collection %s is missing: %v", name, err)
			continue
		}
		for _, want := range fields {
			f := coll.Fields.GetByName(want.name)
			if f == nil {
				t.Errorf("%s.%s is missing", name, want.name)
				continue
			}
			if f.Type() != want.typ {
				t.Errorf("%s.%s is %s, want %s", name, want.name, f.Type(), want.typ)
			}
			checkField(t, app, name, f, want)
		}
	}
}

func checkField(t *testing.T, app core.App, coll string, f core.Field, want field) {
	t.Helper()
	var required bool
	switch f := f.(type) {
	case *core.TextField:
		required = f.Required
	case *core.EmailField:
		required = f.Required
	case *core.NumberField:
		required = f.Required
	case *core.DateField:
		required = f.Required
	case *core.SelectField:
		required = f.Required
		if !slices.Equal(f.Values, want.values) {
			t.Errorf("%s.%s values are %v, want %v", coll, want.name, f.Values, want.values)
		}
		if f.MaxSelect != 1 {
			t.Errorf("%s.%s takes %d values, want one", coll, want.name, f.MaxSelect)
		}
	case *core.RelationField:
		required = f.Required
		target, err := app.FindCollectionByNameOrId(f.CollectionId)
		if err != nil || target.Name != want.values[0] {
			t.Errorf("%s.%s points at %v, want %s", coll, want.name, f.CollectionId, want.values[0])
		}
		if f.MaxSelect != 1 {
			t.Errorf("%s.%s holds %d relations, want one", coll, want.name, f.MaxSelect)
		}
	}
	if required != want.required {
		t.Errorf("%s.%s required = %v, want %v", coll, want.name, required, want.required)
	}
}

func TestIndexesTheFlowsNeedExist(t *testing.T) {
	app := testapp.New(t)
	cases := []struct {
		table, columns string
		unique         bool
	}{
		{"customers", "email", true},
		{"customers", "referral_code", true},
		{"customers", "next_ask_at", false},
		{"customers", "referred_by", false},
		{"asks", "token", true},
		{"asks", "customer", false},
		{"asks", "moment", false},
		{"referrals", "code", true},
		{"referrals", "referrer", false},
		{"referrals", "ask", false},
		{"referrals", "referee_email", false},
		{"moments", "source,external_id", true},
		{"moments", "customer", false},
		{"outbox", "status,next_attempt_at", false},
		{"outbox", "ask", false},
		{"rewards", "referrer,tier", true},
		{"referral_events", "referral,at", false},
	}
	for _, c := range cases {
		t.Run(c.table+"("+c.columns+")", func(t *testing.T) {
			type index struct {
				Name   string `db:"name"`
				Unique bool   `db:"unique"`
			}
			var indexes []index
			if err := app.DB().NewQuery("SELECT name, [unique] FROM pragma_index_list({:t})").
				Bind(map[string]any{"t": c.table}).All(&indexes); err != nil {
				t.Fatal(err)
			}
			for _, idx := range indexes {
				var cols []string
				if err := app.DB().NewQuery("SELECT name FROM pragma_index_info({:i}) ORDER BY seqno").
					Bind(map[string]any{"i": idx.Name}).Column(&cols); err != nil {
					t.Fatal(err)
				}
				if strings.Join(cols, ",") == c.columns && idx.Unique == c.unique {
					return
				}
			}
			t.Errorf("no %s index on %s(%s); have %v", map[bool]string{true: "unique", false: "plain"}[c.unique], c.table, c.columns, indexes)
		})
	}
}

func TestUniqueIndexesRefuseDuplicates(t *testing.T) {
	app := testapp.New(t)
	customers, _ := app.FindCollectionByNameOrId("customers")
	newCustomer := func(email string) error {
		r := core.NewRecord(customers)
		r.Set("name", "Ana")
		r.Set("email", email)
		r.Set("source", "direct")
		return app.Save(r)
	}
	if err := newCustomer("ana@acme.example"); err != nil {
		t.Fatal(err)
	}
	if err := newCustomer(" Ana@ACME.example "); err == nil {
		t.Error("a second customer with the same email (other case) was saved")
	}

	c, err := app.FindFirstRecordByData("customers", "email", "ana@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	moments, _ := app.FindCollectionByNameOrId("moments")
	newMoment := func(source, external string) error {
		m := core.NewRecord(moments)
		m.Set("customer", c.Id)
		m.Set("kind", "renewal")
		m.Set("source", source)
		m.Set("external_id", external)
		m.Set("occurred_at", "2026-01-02 10:00:00.000Z")
		return app.Save(m)
	}
	for _, step := range []struct {
		source, external string
		ok               bool
	}{
		{"delighted", "r1", true},
		{"delighted", "r1", false}, // same delivery twice
		{"typeform", "r1", true},   // same id, other source
		{"dashboard", "", true},    // moments without an external id never collide
		{"dashboard", "", true},
	} {
		err := newMoment(step.source, step.external)
		if (err == nil) != step.ok {
			t.Errorf("moment (%q, %q): saved = %v, want %v (err %v)", step.source, step.external, err == nil, step.ok, err)
		}
	}
}

func TestFreshDataDirHasTheProgramDefaults(t *testing.T) {
	app := testapp.New(t)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal("no settings record:", err)
	}
	for field, want := range map[string]any{
		"nps_threshold": 9, "cadence": "balanced", "cooldown_days": 14, "touch_limit": 3, "booking_url": "",
	} {
		if got := s.Get(field); got != want && s.GetInt(field) != want {
			t.Errorf("settings.%s = %v, want %v", field, got, want)
		}
	}
	if s.GetString("sender_name") == "" || s.GetString("sender_address") == "" || s.GetString("company_name") == "" {
		t.Error("settings lack a sender or company name")
	}
	for _, slug := range []string{"landing", "referee", "ask_email", "intro_email"} {
		p, err := app.FindFirstRecordByData("pages", "slug", slug)
		if err != nil {
			t.Errorf("page %s is missing", slug)
			continue
		}
		if len(p.GetString("body")) < 200 || p.GetString("title") == "" {
			t.Errorf("page %s has no real copy", slug)
		}
	}
	kinds := map[string]bool{}
	incentives, _ := app.FindAllRecords("incentives")
	for _, i := range incentives {
		kinds[i.GetString("kind")] = true
	}
	if len(kinds) != 6 {
		t.Errorf("incentive catalog covers %d kinds, want all 6", len(kinds))
	}
	tiers, _ := app.FindAllRecords("tiers")
	if len(tiers) < 3 {
		t.Errorf("%d tiers, want a ladder of at least 3", len(tiers))
	}
}

func TestSecondSettingsRecordIsRefused(t *testing.T) {
	app := testapp.New(t)
	coll, _ := app.FindCollectionByNameOrId("settings")
	r := core.NewRecord(coll)
	r.Set("company_name", "Other")
	r.Set("sender_name", "Other")
	r.Set("sender_address", "x@other.example")
	r.Set("nps_threshold", 9)
	r.Set("cadence", "balanced")
	r.Set("cooldown_days", 14)
	r.Set("touch_limit", 3)
	r.Set("rest_days", 30)
	if err := app.Save(r); err == nil {
		t.Error("a second settings record was saved")
	}
}

func TestRESTAccessIsSuperuserOnly(t *testing.T) {
	var scenarios []tests.ApiScenario
	for name := range contract {
		base := "/api/collections/" + name + "/records"
		scenarios = append(scenarios,
			tests.ApiScenario{
				Name: "guest cannot list " + name, Method: http.MethodGet, URL: base,
				ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
				TestAppFactory: testapp.Bare,
			},
			tests.ApiScenario{
				Name: "guest cannot create " + name, Method: http.MethodPost, URL: base,
				Body:           strings.NewReader(`{}`),
				ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
				TestAppFactory: testapp.Bare,
			},
			tests.ApiScenario{
				Name: "superuser can list " + name, Method: http.MethodGet, URL: base,
				Headers:        map[string]string{"Authorization": testapp.SuperuserToken},
				ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"items":`},
				ExpectedEvents: map[string]int{"OnRecordsListRequest": 1},
				TestAppFactory: testapp.Bare,
			},
		)
	}
	scenarios = append(scenarios, tests.ApiScenario{
		Name: "guest cannot read the settings record by id", Method: http.MethodGet,
		URL:            "/api/collections/settings/records/anything",
		ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
		TestAppFactory: testapp.Bare,
	})
	for _, s := range scenarios {
		s.Test(t)
	}
}
