package dashboard_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"warmloop/internal/program"
	"warmloop/tests/webtest"
)

// chooseLanguage sets a signed-in person's dashboard language on their account screen.
func chooseLanguage(t *testing.T, base, cookie, lang string) {
	t.Helper()
	res, body := call(t, http.MethodPost, base+"/dashboard/account", cookie, url.Values{"locale": {lang}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/dashboard/account?notice=saved" {
		t.Fatalf("choosing %s answered %d %s: %s", lang, res.StatusCode, res.Header.Get("Location"), body)
	}
}

func TestAnAdminWhoChoseGermanSeesTheOverviewAndCustomersInGermanWhileAnotherSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	// The program's own default language and the customers' languages
	// never decide the dashboard's.
	s, err := program.Record(seeded)
	if err != nil {
		t.Fatal(err)
	}
	s.Set("default_locale", "fr")
	if err := seeded.Save(s); err != nil {
		t.Fatal(err)
	}
	if _, err := seeded.DB().NewQuery("UPDATE customers SET locale = 'nl'").Execute(); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")

	want := map[string]map[string][]string{
		"owner": {
			"/dashboard": {`<html lang="de"`, "Was das Programm bringt", "Gefragte Kunden", "Trichter", ">Kunden</a>", "Abmelden",
				// the overview's own sentences, chart tables and breakdown headings
				"In den letzten 30 Tagen wurde", "Ein Anfrage-Link verschickt höchstens", "Als Tabelle zeigen", "Woche ab",
				"Nach Auslöser", "Nach Nachrichtenvariante", "Zahlen für: die letzten"},
			"/dashboard/customers": {`<html lang="de"`, "Kunde hinzufügen", "Name, E-Mail oder Firma", "Letzte Anfrage", "Mit den ausgewählten Kunden:"},
		},
		"admin": {
			"/dashboard": {`<html lang="en"`, "What the program yields", "Customers asked", "Funnel", ">Customers</a>", "Sign out",
				"in the last 30 days.", "An ask link sends at most", "Show as table", "Week of", "By trigger", "By message variant", "Figures for the last"},
			"/dashboard/customers": {`<html lang="en"`, "Add customer", "Name, email or company", "Last ask", "With the ticked customers:"},
		},
	}
	notWant := map[string][]string{
		"owner": {"What the program yields", "Add customer", "Sign out", "refused over a cap", "An ask link sends", "Show as table",
			"By trigger", "By message variant", "the last ", " pts", "no change", "new customers", "Today's customers only", "The projection needs"},
		"admin": {"Was das Programm bringt", "Kunde hinzufügen", "Abmelden", "Ce que rapporte", "Wat het programma"},
	}
	// Both read their screens at the same time, as two people would.
	var wg sync.WaitGroup
	for role, pages := range want {
		for path, phrases := range pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 3 {
					res, body := call(t, http.MethodGet, srv.URL+path, cookies[role], nil)
					if res.StatusCode != http.StatusOK {
						t.Errorf("%s %s answered %d", role, path, res.StatusCode)
						return
					}
					for _, p := range phrases {
						if !strings.Contains(body, p) {
							t.Errorf("%s %s lacks %q", role, path, p)
						}
					}
					for _, p := range notWant[role] {
						if strings.Contains(body, p) {
							t.Errorf("%s %s shows %q", role, path, p)
						}
					}
				}
			}()
		}
	}
	wg.Wait()

	// The range form's refusal is in the admin's language too.
	res, body := call(t, http.MethodGet, srv.URL+"/dashboard?from=2026-05-01&to=2026-01-01", cookies["owner"], nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Das Enddatum liegt vor dem Startdatum.") {
		t.Errorf("a reversed range answered %d to the German admin, without the German refusal", res.StatusCode)
	}
	res, body = call(t, http.MethodGet, srv.URL+"/dashboard?from=2026-05-01&to=yesterday", cookies["admin"], nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter both dates as YYYY-MM-DD.") {
		t.Errorf("a malformed range answered %d to the English admin, without the English refusal", res.StatusCode)
	}
}

func TestEveryRoleReachesTheirAccountAndItsLanguageIsTheirOwn(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	for _, role := range []string{"owner", "admin", "sales"} {
		res, body := call(t, http.MethodGet, srv.URL+"/dashboard/account", cookies[role], nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="locale"`) || !strings.Contains(body, `href="/dashboard/account"`) {
			t.Fatalf("%s: the account screen answered %d", role, res.StatusCode)
		}
	}
	chooseLanguage(t, srv.URL, cookies["sales"], "es")
	_, body := call(t, http.MethodGet, srv.URL+"/dashboard/account?notice=saved", cookies["sales"], nil)
	if !strings.Contains(body, `<html lang="es"`) || !strings.Contains(body, "Guardado.") || !strings.Contains(body, `<option value="es" lang="es" selected>Español</option>`) {
		t.Errorf("after choosing Spanish the account screen reads: %.600s", body)
	}
	if m, err := seeded.FindAuthRecordByEmail("team", "dana@acme.example"); err != nil || m.GetString("locale") != "es" {
		t.Errorf("the sales member's stored language is %q (%v), want es", m.GetString("locale"), err)
	}
	for _, other := range []string{"ana@acme.example", "bo@acme.example"} {
		if m, _ := seeded.FindAuthRecordByEmail("team", other); m.GetString("locale") != "" {
			t.Errorf("%s's language changed to %q", other, m.GetString("locale"))
		}
	}
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/account", cookies["sales"], url.Values{"locale": {"klingon"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "role=\"alert\"") {
		t.Errorf("an unshipped language answered %d", res.StatusCode)
	}
	if m, _ := seeded.FindAuthRecordByEmail("team", "dana@acme.example"); m.GetString("locale") != "es" {
		t.Errorf("a refused language changed the stored one to %q", m.GetString("locale"))
	}
}

func TestTheSignInPageFollowsTheBrowsersLanguage(t *testing.T) {
	seeded, _ := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	for header, phrase := range map[string]string{"": "Sign in to the dashboard", "nl-BE,nl;q=0.9": "Inloggen op het dashboard", "x;;;": "Sign in to the dashboard"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/dashboard/login", nil)
		if header != "" {
			req.Header.Set("Accept-Language", header)
		}
		res, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		buf := new(strings.Builder)
		_, _ = io.Copy(buf, res.Body)
		res.Body.Close()
		if !strings.Contains(buf.String(), phrase) {
			t.Errorf("Accept-Language %q: the sign-in page lacks %q", header, phrase)
		}
	}
}

// TestAMissingRecordIsNotFoundInTheReadersLanguage opens a customer who
// does not exist as a German owner and as an English admin.
func TestAMissingRecordIsNotFoundInTheReadersLanguage(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	for who, want := range map[string]string{"owner": "Nicht gefunden", "admin": "That record does not exist"} {
		res, body := call(t, http.MethodGet, srv.URL+"/dashboard/customers/nosuchcustomer1", cookies[who], nil)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want 404 saying %q:\n%s", who, res.StatusCode, want, body)
		}
	}
}
