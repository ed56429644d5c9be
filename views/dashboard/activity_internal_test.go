package dashboard

import (
	"testing"
	"time"

	"warmloop/internal/locale"
	"warmloop/internal/metrics"
)

func TestAnActivityLineIsWrittenInTheReadersLanguageWithTheNamesAsValues(t *testing.T) {
	cases := []struct {
		lang string
		ev   metrics.Event
		want string
	}{
		{"en", metrics.Event{Kind: "moment", Name: "Ana Lima", What: "nps", Score: 9, Scored: true, To: "asked"}, "Ana Lima: NPS answer 9, asked for a referral"},
		{"de", metrics.Event{Kind: "moment", Name: "Ana Lima", What: "nps", Score: 9, Scored: true, To: "asked"}, "Ana Lima: NPS-Antwort 9, um eine Empfehlung gebeten"},
		{"de", metrics.Event{Kind: "moment", Name: "Ana Lima", What: "renewal", To: "cooldown"}, "Ana Lima: Verlängerung, nicht angefragt (erst kürzlich gefragt)"},
		{"fr", metrics.Event{Kind: "moment", Name: "Ana Lima", What: "renewal"}, "Ana Lima : Renouvellement, pas encore décidé"},
		{"de", metrics.Event{Kind: "moment", Name: "Ana Lima", What: "custom", To: "snoozed"}, "Ana Lima: Eigener Anlass, snoozed"},
		{"en", metrics.Event{Kind: "referral", Name: "Ana Lima", What: "Jo Bloggs", To: "invited"}, "Ana Lima introduced Jo Bloggs"},
		{"de", metrics.Event{Kind: "referral", Name: "Ana Lima", What: "Jo Bloggs", To: "invited"}, "Ana Lima hat Jo Bloggs empfohlen"},
		{"de", metrics.Event{Kind: "referral", Name: "Ana Lima", What: "Jo Bloggs", From: "invited", To: "booked"}, "Jo Bloggs, empfohlen von Ana Lima: von „Eingeladen“ zu „Termin gebucht“"},
		{"es", metrics.Event{Kind: "reward", Name: "Ana Lima", What: "Conector", To: "earned"}, "Ana Lima ganó la recompensa del nivel Conector"},
		{"nl", metrics.Event{Kind: "reward", Name: "Ana Lima", What: "Connector", To: "fulfilled"}, "De beloning van niveau Connector voor Ana Lima is uitgereikt"},
	}
	for _, c := range cases {
		if got := activityText(locale.For(c.lang), c.ev); got != c.want {
			t.Errorf("%s %+v reads %q, want %q", c.lang, c.ev, got, c.want)
		}
	}
}

func TestHowLongAgoIsWrittenInTheReadersLanguage(t *testing.T) {
	cases := []struct {
		lang string
		d    time.Duration
		want string
	}{
		{"en", 10 * time.Second, "just now"},
		{"en", 5 * time.Minute, "5 minutes ago"},
		{"de", time.Minute, "vor 1 Minute"},
		{"de", 3 * time.Hour, "vor 3 Stunden"},
		{"fr", 72 * time.Hour, "il y a 3 jours"},
	}
	for _, c := range cases {
		if got := activityAgo(locale.For(c.lang), c.d); got != c.want {
			t.Errorf("%s %v reads %q, want %q", c.lang, c.d, got, c.want)
		}
	}
}
