package dashboard_test

import (
	"github.com/pocketbase/dbx"

	"net/http"
	"net/url"
	"strings"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// Records with known ids, so scenarios can name them in their URLs.
const (
	progIncOnOffer = "incofferstest01" // the incentive the settings offer
	progIncUsed    = "incusedtest0001" // offered by an ask, paid by a reward
	progIncFree    = "incfreetest0001" // used by nothing
	progTierEarned = "tierusedtest001" // earned by a referrer
	progTierFree   = "tierfreetest001" // earned by nobody
	progVarUsed    = "varusedtest0001" // recorded by an ask, named "tested"
	progVarFree    = "varfreetest0001" // never used, named "spare"
	progIncents    = 9                 // six default incentives and the three above
)

// progApp is a bare app with one record of each kind in use and one free.
func progApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	withID := func(coll, id string, fields map[string]any) *core.Record {
		fields["id"] = id
		return testapp.Save(t, app, coll, fields)
	}
	withID("incentives", progIncOnOffer, map[string]any{"name": "Founders' thank-you", "kind": "recognition", "active": true, "position": 0})
	withID("incentives", progIncUsed, map[string]any{"name": "Roadmap seat", "kind": "access", "active": true, "position": 20})
	withID("incentives", progIncFree, map[string]any{"name": "Spare mug", "kind": "swag", "active": true, "position": 21})
	withID("tiers", progTierEarned, map[string]any{"name": "Regular", "threshold": 7, "counts": "referrals", "incentive": progIncUsed})
	withID("tiers", progTierFree, map[string]any{"name": "Legend", "threshold": 9, "counts": "wins"})
	withID("variants", progVarUsed, map[string]any{"name": "tested", "touch": "first", "subject": "Hello", "body": "[Go]({{link}})", "weight": 1, "active": true})
	withID("variants", progVarFree, map[string]any{"name": "spare", "touch": "followup", "subject": "Again", "body": "[Go]({{link}})", "weight": 3, "active": false})
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "sent", "variant": "tested", "incentive": progIncUsed})
	testapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": progTierEarned, "incentive": progIncUsed, "status": "earned"})
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("current_incentive", progIncOnOffer)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	return app
}

// progSession(), progSessionForm() and progCrossSite() are the headers of a
// signed-in admin: a page view, a form post, and a form post from another
// site. They are functions: the token exists only once TestMain has run.
func progSession() map[string]string {
	return map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
}

// progSessionForm is a signed-in admin's form post.
func progSessionForm() map[string]string {
	h := progSession()
	h["Content-Type"] = "application/x-www-form-urlencoded"
	return h
}

// progCrossSite is a signed-in admin's form post from another site.
func progCrossSite() map[string]string {
	h := progSessionForm()
	h["Sec-Fetch-Site"] = "cross-site"
	return h
}

// progExpectRecord reads a record back and checks a field's value.
func progExpectRecord(coll, id, field string, want any) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById(coll, id)
		if err != nil {
			t.Fatalf("%s %s: %v", coll, id, err)
		}
		if got := r.Get(field); got != want {
			t.Errorf("%s %s: %s = %#v, want %#v", coll, id, field, got, want)
		}
	}
}

// progExpectCount checks how many records a collection holds.
func progExpectCount(coll string, want int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		// Variants are counted in English: the shipped translations stay as they are.
		var n int64
		var err error
		if coll == "variants" {
			n, err = app.CountRecords(coll, dbx.HashExp{"locale": "en"})
		} else {
			n, err = app.CountRecords(coll)
		}
		if err != nil || int(n) != want {
			t.Errorf("%s holds %d records (err %v), want %d", coll, n, err, want)
		}
	}
}

// progExpectGone checks a record was deleted.
func progExpectGone(coll, id string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if _, err := app.FindRecordById(coll, id); err == nil {
			t.Errorf("%s %s still exists", coll, id)
		}
	}
}

// all runs several after-test checks in order.
func progAll(checks ...func(testing.TB, *tests.TestApp, *http.Response)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		for _, c := range checks {
			c(t, app, res)
		}
	}
}

func TestDashboardProgramLists(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "guest is sent to the login page", Method: http.MethodGet, URL: "/dashboard/program",
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Fprogram"),
			TestAppFactory: progApp,
		},
		{
			Name: "incentives tab lists the catalog, the one on offer, and the recognition-first stance", Method: http.MethodGet,
			URL: "/dashboard/program", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Recognition first, cash last", "last resort", "Founders&#39; thank-you", "On offer now",
				"Account credit", `<span class="pill warn">Monetary</span>`, `href="/dashboard/program/incentives/` + progIncFree + `"`, `aria-current="page">Incentives`,
				"Add an incentive"},
			TestAppFactory: progApp,
		},
		{
			Name: "tiers tab lists milestones with their rewards and who earned them", Method: http.MethodGet,
			URL: "/dashboard/program?tab=tiers", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"First introduction", "3 referrals", "Connector", "9 wins", "Legend",
				"Recognition only (no incentive chosen)", "Roadmap seat", `aria-current="page">Tiers`},
			TestAppFactory: progApp,
		},
		{
			Name: "variants tab lists wordings with touch, share of asks and status", Method: http.MethodGet,
			URL: "/dashboard/program?tab=variants", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"<code>thanks</code>", "<code>reminder</code>", "<code>spare</code>", "Follow-up",
				"Just a reminder", "33%", "100%", "Inactive", `aria-current="page">Message variants`},
			TestAppFactory: progApp,
		},
		{
			Name: "with no active follow-up variant the list says the ask email page is used", Method: http.MethodGet,
			URL: "/dashboard/program?tab=variants", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"No active variant for “Follow-up”"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := progApp(t)
				if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE WHERE touch = 'followup'").Execute(); err != nil {
					t.Fatal(err)
				}
				return app
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardProgramIncentives(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot open the new incentive form", Method: http.MethodGet, URL: "/dashboard/program/incentives/new",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: progApp,
		},
		{
			Name: "guest cannot add an incentive", Method: http.MethodPost, URL: "/dashboard/program/incentives/new",
			Body: webtest.Form(url.Values{"name": {"Sneaky"}, "kind": {"swag"}}), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progExpectCount("incentives", progIncents), TestAppFactory: progApp,
		},
		{
			Name: "guest cannot edit an incentive", Method: http.MethodGet, URL: "/dashboard/program/incentives/" + progIncFree,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: progApp,
		},
		{
			Name: "new incentive form starts as active recognition", Method: http.MethodGet, URL: "/dashboard/program/incentives/new",
			Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Add an incentive", `<option value="recognition" selected>`, `name="active" value="on" checked`, "Recognition first"},
			TestAppFactory:  progApp,
		},
		{
			Name: "an incentive without a name or a known kind is refused with the description kept", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/new", Headers: progSessionForm(),
			Body:           webtest.Form(url.Values{"name": {" "}, "kind": {"cash-bonus"}, "description": {"Two tickets to **SaaStr**"}, "position": {"1.5"}}),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, "Give the incentive a name", `id="kind-error"`, "Choose what kind of thank-you",
				`id="position-error"`, "whole number", "Two tickets to **SaaStr**", `aria-invalid="true"`},
			AfterTestFunc: progExpectCount("incentives", progIncents), TestAppFactory: progApp,
		},
		{
			Name: "a valid incentive is added at the end of the catalog", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/new", Headers: progSessionForm(),
			Body:           webtest.Form(url.Values{"name": {"Lunch with our CEO"}, "kind": {"experience"}, "description": {"A table for two."}, "active": {"on"}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progAll(expectHeader("Location", "/dashboard/program?tab=incentives&notice=created"), progExpectCount("incentives", progIncents+1),
				func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					r, err := app.FindFirstRecordByData("incentives", "name", "Lunch with our CEO")
					if err != nil || r.GetString("kind") != "experience" || !r.GetBool("active") || r.GetInt("position") != 22 {
						t.Errorf("created incentive %v, err %v", r, err)
					}
				}),
			TestAppFactory: progApp,
		},
		{
			Name: "edit form is filled in and offers delete for an unused incentive", Method: http.MethodGet,
			URL: "/dashboard/program/incentives/" + progIncFree, Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`value="Spare mug"`, `<option value="swag" selected>`, "Nothing uses this incentive yet", "Delete this incentive"},
			TestAppFactory:  progApp,
		},
		{
			Name: "edit form of a used incentive explains why it cannot be deleted", Method: http.MethodGet,
			URL: "/dashboard/program/incentives/" + progIncUsed, Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"It cannot be deleted: 1 ask offered it; 1 reward pays it; 1 tier gives it", "Deactivate this incentive"},
			NotExpectedContent: []string{"Delete this incentive"},
			TestAppFactory:     progApp,
		},
		{
			Name: "an unknown incentive is not found", Method: http.MethodGet, URL: "/dashboard/program/incentives/nosuchincentive",
			Headers: progSession(), ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"That record does not exist"},
			TestAppFactory: progApp,
		},
		{
			Name: "a valid edit changes the incentive", Method: http.MethodPost, URL: "/dashboard/program/incentives/" + progIncFree,
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"A mug worth keeping"}, "kind": {"swag"}, "position": {"4"}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progAll(expectHeader("Location", "/dashboard/program?tab=incentives&notice=saved"),
				progExpectRecord("incentives", progIncFree, "name", "A mug worth keeping"), progExpectRecord("incentives", progIncFree, "active", false),
				progExpectRecord("incentives", progIncFree, "position", 4.0)),
			TestAppFactory: progApp,
		},
		{
			Name: "an edit with a name too long is refused and changes nothing", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncFree, Headers: progSessionForm(),
			Body:            webtest.Form(url.Values{"name": {strings.Repeat("m", 121)}, "kind": {"swag"}, "active": {"on"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, "Keep it under 121 characters", strings.Repeat("m", 121)},
			AfterTestFunc:   progExpectRecord("incentives", progIncFree, "name", "Spare mug"),
			TestAppFactory:  progApp,
		},
		{
			Name: "the incentive on offer cannot be unticked in its form", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncOnOffer, Headers: progSessionForm(),
			Body:            webtest.Form(url.Values{"name": {"Founders' thank-you"}, "kind": {"recognition"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="active-error"`, "Choose another one in Settings"},
			AfterTestFunc:   progExpectRecord("incentives", progIncOnOffer, "active", true),
			TestAppFactory:  progApp,
		},
		{
			Name: "the incentive on offer cannot be deactivated from the list", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncOnOffer + "/active", Headers: progSessionForm(), Body: webtest.Form(url.Values{"active": {"0"}}),
			ExpectedStatus:  http.StatusConflict,
			ExpectedContent: []string{"incentive on offer now, so it stays active"},
			AfterTestFunc:   progExpectRecord("incentives", progIncOnOffer, "active", true),
			TestAppFactory:  progApp,
		},
		{
			Name: "an incentive is deactivated", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncUsed + "/active", Headers: progSessionForm(), Body: webtest.Form(url.Values{"active": {"0"}}),
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progExpectRecord("incentives", progIncUsed, "active", false),
			TestAppFactory: progApp,
		},
		{
			Name: "an inactive incentive is activated again", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncFree + "/active", Headers: progSessionForm(), Body: webtest.Form(url.Values{"active": {"1"}}),
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progExpectRecord("incentives", progIncFree, "active", true),
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := progApp(t)
				if _, err := app.DB().NewQuery("UPDATE incentives SET active = FALSE WHERE id = '" + progIncFree + "'").Execute(); err != nil {
					t.Fatal(err)
				}
				return app
			},
		},
		{
			Name: "a used incentive is not deleted and the page offers to deactivate it", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncUsed + "/delete", Headers: progSessionForm(),
			ExpectedStatus:  http.StatusConflict,
			ExpectedContent: []string{"This incentive cannot be deleted: 1 ask offered it", "Deactivate it instead"},
			AfterTestFunc:   progExpectCount("incentives", progIncents),
			TestAppFactory:  progApp,
		},
		{
			Name: "an unused incentive is deleted", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncFree + "/delete", Headers: progSessionForm(),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  progAll(expectHeader("Location", "/dashboard/program?tab=incentives&notice=deleted"), progExpectGone("incentives", progIncFree)),
			TestAppFactory: progApp,
		},
		{
			Name: "guest cannot delete an incentive", Method: http.MethodPost,
			URL: "/dashboard/program/incentives/" + progIncFree + "/delete", Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progExpectCount("incentives", progIncents), TestAppFactory: progApp,
		},
		{
			Name: "a cross-site edit is refused", Method: http.MethodPost, URL: "/dashboard/program/incentives/" + progIncFree,
			Headers: progCrossSite(), Body: webtest.Form(url.Values{"name": {"Hijacked"}, "kind": {"swag"}}),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: progExpectRecord("incentives", progIncFree, "name", "Spare mug"), TestAppFactory: progApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardProgramTiers(t *testing.T) {
	const tiers = 6 // four default tiers and the two of progApp
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot open a tier", Method: http.MethodGet, URL: "/dashboard/program/tiers/" + progTierFree,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: progApp,
		},
		{
			Name: "guest cannot add a tier", Method: http.MethodPost, URL: "/dashboard/program/tiers/new", Headers: webtest.FormHeader,
			Body:           webtest.Form(url.Values{"name": {"Sneaky"}, "counts": {"referrals"}, "threshold": {"4"}}),
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progExpectCount("tiers", tiers), TestAppFactory: progApp,
		},
		{
			Name: "new tier form lists active incentives as rewards", Method: http.MethodGet, URL: "/dashboard/program/tiers/new",
			Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Add a tier", `<option value="referrals" selected>`, "None: the tier is recognition only", "Roadmap seat"},
			TestAppFactory:  progApp,
		},
		{
			Name: "a tier at zero is refused with the name kept", Method: http.MethodPost, URL: "/dashboard/program/tiers/new",
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"Everyone"}, "counts": {"referrals"}, "threshold": {"0"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="threshold-error"`, "Enter a number from 1 to 1,000", `value="Everyone"`, `value="0"`},
			AfterTestFunc:   progExpectCount("tiers", tiers), TestAppFactory: progApp,
		},
		{
			Name: "a negative or fractional threshold, an unknown count and no name are refused", Method: http.MethodPost,
			URL: "/dashboard/program/tiers/new", Headers: progSessionForm(),
			Body:           webtest.Form(url.Values{"name": {""}, "counts": {"logins"}, "threshold": {"2.5"}, "incentive": {"nosuchincentive"}}),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, `id="counts-error"`, "referrals made or referrals won", `id="threshold-error"`,
				"whole number", `id="incentive-error"`, "no longer exists", `value="2.5"`},
			AfterTestFunc: progExpectCount("tiers", tiers), TestAppFactory: progApp,
		},
		{
			Name: "a tier on another tier's milestone is refused, naming it", Method: http.MethodPost, URL: "/dashboard/program/tiers/new",
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"Networker"}, "counts": {"referrals"}, "threshold": {"3"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="threshold-error"`, "The tier “Connector” is already reached at 3 referrals", `value="Networker"`},
			AfterTestFunc:   progExpectCount("tiers", tiers), TestAppFactory: progApp,
		},
		{
			Name: "a valid tier is added with its reward", Method: http.MethodPost, URL: "/dashboard/program/tiers/new",
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"Networker"}, "counts": {"referrals"}, "threshold": {"10"}, "incentive": {progIncUsed}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progAll(expectHeader("Location", "/dashboard/program?tab=tiers&notice=created"), progExpectCount("tiers", tiers+1),
				func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					r, err := app.FindFirstRecordByData("tiers", "name", "Networker")
					if err != nil || r.GetInt("threshold") != 10 || r.GetString("incentive") != progIncUsed {
						t.Errorf("created tier %v, err %v", r, err)
					}
				}),
			TestAppFactory: progApp,
		},
		{
			Name: "a rule a hook enforces on save is shown beside its field", Method: http.MethodPost, URL: "/dashboard/program/tiers/new",
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"Platinum"}, "counts": {"referrals"}, "threshold": {"12"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, "That name is reserved.", "It could not be saved", `value="Platinum"`},
			AfterTestFunc:   progExpectCount("tiers", tiers),
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := progApp(t)
				app.OnRecordValidate("tiers").BindFunc(func(e *core.RecordEvent) error {
					return validation.Errors{"name": validation.NewError("reserved", "that name is reserved")}
				})
				return app
			},
		},
		{
			Name: "a valid edit changes the tier, keeping its own milestone", Method: http.MethodPost, URL: "/dashboard/program/tiers/" + progTierFree,
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"Hall of fame"}, "counts": {"wins"}, "threshold": {"9"}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  progAll(progExpectRecord("tiers", progTierFree, "name", "Hall of fame"), progExpectRecord("tiers", progTierFree, "threshold", 9.0)),
			TestAppFactory: progApp,
		},
		{
			Name: "an earned tier's page says why it cannot be deleted", Method: http.MethodGet, URL: "/dashboard/program/tiers/" + progTierEarned,
			Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`value="Regular"`, "1 referrer has earned this tier"},
			NotExpectedContent: []string{"Delete this tier"},
			TestAppFactory:     progApp,
		},
		{
			Name: "an earned tier is not deleted", Method: http.MethodPost, URL: "/dashboard/program/tiers/" + progTierEarned + "/delete",
			Headers: progSessionForm(), ExpectedStatus: http.StatusConflict,
			ExpectedContent: []string{"This tier cannot be deleted: 1 referrer has earned it"},
			AfterTestFunc:   progExpectCount("tiers", tiers), TestAppFactory: progApp,
		},
		{
			Name: "a tier nobody earned is deleted", Method: http.MethodPost, URL: "/dashboard/program/tiers/" + progTierFree + "/delete",
			Headers: progSessionForm(), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progExpectGone("tiers", progTierFree), TestAppFactory: progApp,
		},
		{
			Name: "a cross-site tier delete is refused", Method: http.MethodPost, URL: "/dashboard/program/tiers/" + progTierFree + "/delete",
			Headers: progCrossSite(), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: progExpectCount("tiers", tiers), TestAppFactory: progApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardProgramVariants(t *testing.T) {
	const variants = 5 // three default variants and the two of progApp
	valid := func(over map[string]string) *strings.Reader {
		v := url.Values{"name": {"case-study"}, "touch": {"followup"}, "subject": {"How Northwind did it"},
			"body": {"Hi {{first_name}},\n\n[Introduce someone]({{link}})"}, "weight": {"2"}, "active": {"on"}}
		for k, val := range over {
			v.Set(k, val)
		}
		return webtest.Form(v)
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot open a variant", Method: http.MethodGet, URL: "/dashboard/program/variants/" + progVarFree,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: progApp,
		},
		{
			Name: "guest cannot add a variant", Method: http.MethodPost, URL: "/dashboard/program/variants/new", Headers: webtest.FormHeader,
			Body: valid(nil), ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progExpectCount("variants", variants), TestAppFactory: progApp,
		},
		{
			Name: "guest cannot preview a variant", Method: http.MethodPost, URL: "/dashboard/program/variants/preview", Headers: webtest.FormHeader,
			Body: valid(nil), ExpectedStatus: http.StatusSeeOther, TestAppFactory: progApp,
		},
		{
			Name: "new variant form has a starter body with the link and a preview", Method: http.MethodGet, URL: "/dashboard/program/variants/new",
			Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Add a message variant", "[Introduce someone]({{link}})", `id="variant-preview"`, "Hi Ana,", `hx-post="/dashboard/program/variants/preview"`},
			TestAppFactory:  progApp,
		},
		{
			Name: "a variant with a bad name, no subject, no link and weight 0 is refused with the body kept", Method: http.MethodPost,
			URL: "/dashboard/program/variants/new", Headers: progSessionForm(),
			Body:           valid(map[string]string{"name": "Case Study", "subject": "", "body": "Hi {{first_name}}, know anyone?", "weight": "0"}),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, "lowercase letters", `id="subject-error"`, "subject line", `id="body-error"`,
				"Put the ask&#39;s link in the email", `id="weight-error"`, "Enter a number from 1 to 1,000", "Hi {{first_name}}, know anyone?", `value="Case Study"`},
			AfterTestFunc: progExpectCount("variants", variants), TestAppFactory: progApp,
		},
		{
			Name: "an empty body and a non-number weight are refused", Method: http.MethodPost,
			URL: "/dashboard/program/variants/new", Headers: progSessionForm(),
			Body:            valid(map[string]string{"body": "  ", "weight": "lots", "touch": "third"}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Write the email", `id="weight-error"`, "whole number", `id="touch-error"`, `value="lots"`},
			AfterTestFunc:   progExpectCount("variants", variants), TestAppFactory: progApp,
		},
		{
			Name: "a variant named like another is refused", Method: http.MethodPost, URL: "/dashboard/program/variants/new",
			Headers: progSessionForm(), Body: valid(map[string]string{"name": "thanks"}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, "Another variant is already called “thanks”"},
			AfterTestFunc:   progExpectCount("variants", variants), TestAppFactory: progApp,
		},
		{
			Name: "a valid variant is added", Method: http.MethodPost, URL: "/dashboard/program/variants/new",
			Headers: progSessionForm(), Body: valid(nil), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progAll(expectHeader("Location", "/dashboard/program?tab=variants&notice=created"), progExpectCount("variants", variants+1),
				func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					r, err := app.FindFirstRecordByData("variants", "name", "case-study")
					if err != nil || r.GetString("touch") != "followup" || r.GetInt("weight") != 2 || !r.GetBool("active") {
						t.Errorf("created variant %v, err %v", r, err)
					}
				}),
			TestAppFactory: progApp,
		},
		{
			Name: "a used variant's page shows its asks and offers deactivation, not delete", Method: http.MethodGet,
			URL: "/dashboard/program/variants/" + progVarUsed, Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`value="tested"`, "It cannot be deleted: 1 ask recorded it", "Deactivate this variant", `<a href="https://`},
			NotExpectedContent: []string{"Delete this variant"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := progApp(t)
				app.Settings().Meta.AppURL = "https://refer.acme.example"
				return app
			},
		},
		{
			Name: "a used variant cannot be renamed", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarUsed,
			Headers: progSessionForm(), Body: valid(map[string]string{"name": "renamed", "touch": "first"}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="name-error"`, "1 ask already recorded the name “tested”", `value="renamed"`},
			AfterTestFunc:   progExpectRecord("variants", progVarUsed, "name", "tested"), TestAppFactory: progApp,
		},
		{
			Name: "a valid edit changes the variant", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarUsed,
			Headers: progSessionForm(), Body: valid(map[string]string{"name": "tested", "touch": "first", "subject": "A new subject", "weight": "5"}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progAll(progExpectRecord("variants", progVarUsed, "subject", "A new subject"), progExpectRecord("variants", progVarUsed, "weight", 5.0),
				progExpectRecord("variants", progVarUsed, "touch", "first")),
			TestAppFactory: progApp,
		},
		{
			Name: "an unused variant can be renamed", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarFree,
			Headers: progSessionForm(), Body: valid(map[string]string{"name": "spare-v2"}), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progExpectRecord("variants", progVarFree, "name", "spare-v2"), TestAppFactory: progApp,
		},
		{
			Name: "a variant is activated", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarFree + "/active",
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"active": {"1"}}), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  progAll(expectHeader("Location", "/dashboard/program?tab=variants&notice=saved"), progExpectRecord("variants", progVarFree, "active", true)),
			TestAppFactory: progApp,
		},
		{
			Name: "a variant is deactivated", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarUsed + "/active",
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"active": {"0"}}), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progExpectRecord("variants", progVarUsed, "active", false), TestAppFactory: progApp,
		},
		{
			Name: "a used variant is not deleted and the page says why", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarUsed + "/delete",
			Headers: progSessionForm(), ExpectedStatus: http.StatusConflict,
			ExpectedContent: []string{"This variant cannot be deleted: 1 ask was made with it", "Deactivate it instead"},
			AfterTestFunc:   progExpectCount("variants", variants), TestAppFactory: progApp,
		},
		{
			Name: "an unused variant is deleted", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarFree + "/delete",
			Headers: progSessionForm(), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  progAll(expectHeader("Location", "/dashboard/program?tab=variants&notice=deleted"), progExpectGone("variants", progVarFree)),
			TestAppFactory: progApp,
		},
		{
			Name: "the preview renders markdown with example values and escapes nothing it should not", Method: http.MethodPost,
			URL: "/dashboard/program/variants/preview", Headers: progSessionForm(),
			Body: webtest.Form(url.Values{"subject": {"Hi {{first_name}} from {{company_name}}"},
				"body": {"Hello **{{first_name}}** at {{company}}.\n\n<script>alert(1)</script>\n\n[Introduce someone]({{link}})"}}),
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`id="variant-preview"`, "Hi Ana from Acme", "<strong>Ana</strong> at Northwind", "/r/example"},
			NotExpectedContent: []string{"<script>", "<html"},
			TestAppFactory:     progApp,
		},
		{
			Name: "a cross-site variant activation is refused", Method: http.MethodPost, URL: "/dashboard/program/variants/" + progVarFree + "/active",
			Headers: progCrossSite(), Body: webtest.Form(url.Values{"active": {"1"}}), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"},
			AfterTestFunc:   progExpectRecord("variants", progVarFree, "active", false), TestAppFactory: progApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardProgramGuestsAreSentToLogin(t *testing.T) {
	// Every route of the section, with a body that would change something.
	routes := []struct{ method, url string }{
		{http.MethodGet, "/dashboard/program?tab=variants"},
		{http.MethodGet, "/dashboard/program/incentives/new"},
		{http.MethodPost, "/dashboard/program/incentives/new"},
		{http.MethodGet, "/dashboard/program/incentives/" + progIncFree},
		{http.MethodPost, "/dashboard/program/incentives/" + progIncFree},
		{http.MethodPost, "/dashboard/program/incentives/" + progIncFree + "/active"},
		{http.MethodPost, "/dashboard/program/incentives/" + progIncFree + "/delete"},
		{http.MethodGet, "/dashboard/program/tiers/new"},
		{http.MethodPost, "/dashboard/program/tiers/new"},
		{http.MethodGet, "/dashboard/program/tiers/" + progTierFree},
		{http.MethodPost, "/dashboard/program/tiers/" + progTierFree},
		{http.MethodPost, "/dashboard/program/tiers/" + progTierFree + "/delete"},
		{http.MethodGet, "/dashboard/program/variants/new"},
		{http.MethodPost, "/dashboard/program/variants/new"},
		{http.MethodPost, "/dashboard/program/variants/preview"},
		{http.MethodGet, "/dashboard/program/variants/" + progVarFree},
		{http.MethodPost, "/dashboard/program/variants/" + progVarFree},
		{http.MethodPost, "/dashboard/program/variants/" + progVarFree + "/active"},
		{http.MethodPost, "/dashboard/program/variants/" + progVarFree + "/delete"},
	}
	body := url.Values{"name": {"guest-was-here"}, "kind": {"swag"}, "counts": {"wins"}, "threshold": {"40"}, "touch": {"first"},
		"subject": {"x"}, "body": {"[x]({{link}})"}, "weight": {"1"}, "active": {"1"}}
	unchanged := progAll(progExpectCount("incentives", progIncents), progExpectCount("tiers", 6), progExpectCount("variants", 5),
		progExpectRecord("incentives", progIncFree, "name", "Spare mug"), progExpectRecord("tiers", progTierFree, "name", "Legend"),
		progExpectRecord("variants", progVarFree, "active", false))
	for _, r := range routes {
		s := tests.ApiScenario{
			Name: "guest " + r.method + " " + r.url + " goes to the login and changes nothing", Method: r.method, URL: r.url,
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: progAll(expectHeader("Location", "/dashboard/login?next="+url.QueryEscape(r.url)), unchanged),
			TestAppFactory: progApp,
		}
		if r.method == http.MethodPost {
			s.Body, s.Headers = webtest.Form(body), webtest.FormHeader
		}
		s.Test(t)
	}
}
