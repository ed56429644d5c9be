package dashboard_test

import (
	"net/http"
	"strings"
	"testing"

	"warmloop/tests/webtest"
)

func TestAnAdminWhoChoseGermanSeesTheRewardsQueueInGermanWhileAnotherSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	for _, status := range []string{"earned", "approved", "fulfilled"} {
		path := srv.URL + "/dashboard/rewards?status=" + status
		_, de := call(t, http.MethodGet, path, cookies["owner"], nil)
		_, en := call(t, http.MethodGet, path, cookies["admin"], nil)
		for _, p := range []string{`<html lang="de"`, "<h1>Prämien</h1>", "Verdient – freizugeben (", "Freigegeben – einzulösen (", "Stufen und Anreize"} {
			if !strings.Contains(de, p) {
				t.Errorf("German %s lacks %q", status, p)
			}
		}
		for _, p := range []string{`<html lang="en"`, "<h1>Rewards</h1>", "Earned — to approve (", "Approved — to fulfil (", "Tiers and incentives"} {
			if !strings.Contains(en, p) {
				t.Errorf("English %s lacks %q", status, p)
			}
			if strings.Contains(de, p) {
				t.Errorf("German %s shows %q", status, p)
			}
		}
		if strings.Contains(de, "Empfehlungsgeber") != strings.Contains(en, "Referrer</th>") {
			t.Errorf("%s: the German and English queues differ in whether they list rewards", status)
		}
	}
}
