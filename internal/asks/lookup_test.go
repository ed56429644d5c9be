package asks_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"warmloop/internal/asks"
	"warmloop/tests/schemaapp"
)

func TestFindByTokenOpensOnlyItsOwnAsk(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", nil)
	ask := schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "sent", "token": "AbCdEfGhIjKlMnOpQrStUv"})

	got, customer, err := asks.FindByToken(app, "AbCdEfGhIjKlMnOpQrStUv")
	if err != nil || got.Id != ask.Id || customer.Id != ana.Id {
		t.Fatalf("the ask's own token found %v, %v, %v", got, customer, err)
	}
	for _, tok := range []string{"", "short", "AbCdEfGhIjKlMnOpQrStUw", string(make([]byte, 65))} {
		if _, _, err := asks.FindByToken(app, tok); !errors.Is(err, sql.ErrNoRows) {
			t.Errorf("token %q: %v, want sql.ErrNoRows", tok, err)
		}
	}
}

func TestMarkClickedNeverMovesAnAskBack(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", nil)
	for from, want := range map[string]string{"queued": "clicked", "sent": "clicked", "failed": "clicked", "clicked": "clicked", "referred": "referred"} {
		ask := schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": from})
		if err := asks.MarkClicked(app, ask.Id, time.Now()); err != nil {
			t.Fatal(err)
		}
		ask, _ = app.FindRecordById("asks", ask.Id)
		if ask.GetString("status") != want || ask.GetDateTime("clicked_at").IsZero() {
			t.Errorf("a %s ask clicked is %s (clicked_at %v), want %s", from, ask.GetString("status"), ask.GetDateTime("clicked_at"), want)
		}
	}
}
