package webhooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/sqlitedb"
	"warmloop/tests/webtest"
)

// npsAnswer is the JSON an NPS webhook answers with.
type npsAnswer struct {
	ID        string `json:"id"`
	Duplicate bool   `json:"duplicate"`
	Decision  string `json:"decision"`
}

// deliver posts a generic NPS body and reads the answer.
func deliverGeneric(t *testing.T, url, body string) (int, npsAnswer) {
	req, _ := http.NewRequest(http.MethodPost, url+"/hooks/nps/generic", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+npsSecret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0, npsAnswer{}
	}
	defer res.Body.Close()
	var a npsAnswer
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		t.Error(err)
	}
	return res.StatusCode, a
}

func TestConcurrentPromotersAreEachAnsweredWithTheirDecisionOnceTheirMomentIsCommitted(t *testing.T) {
	app := withSecret(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	// A connection of its own, as another process would read: it sees only
	// what is committed.
	reader, err := sqlitedb.Connect(filepath.Join(app.DataDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	const promoters = 30
	var wg sync.WaitGroup
	for i := range promoters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"email":"p%d@promoters.example","score":10,"id":"conc-%d"}`, i, i)
			code, a := deliverGeneric(t, srv.URL, body)
			if code != http.StatusCreated || a.Decision != "asked" || a.Duplicate {
				t.Errorf("promoter %d: %d %+v, want 201 asked", i, code, a)
				return
			}
			var decision string
			if err := reader.Select("decision").From("moments").Where(dbx.HashExp{"id": a.ID}).Row(&decision); err != nil || decision != "asked" {
				t.Errorf("promoter %d was answered before its moment %s was committed: %q %v", i, a.ID, decision, err)
			}
		}()
	}
	wg.Wait()
	expectWritten(promoters, promoters, promoters)(t, app, nil)
}

func TestConcurrentCopiesOfADeliveryAreAllAnsweredWithTheFirstMomentsID(t *testing.T) {
	app := withSecret(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	var wg sync.WaitGroup
	answers := make([]npsAnswer, 12)
	codes := make([]int, len(answers))
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every third delivery is a promoter of its own, so copies share
			// batches with other moments.
			body := generic("10")
			if i%3 == 2 {
				body = fmt.Sprintf(`{"email":"other%d@promoters.example","score":10,"id":"other-%d"}`, i, i)
			}
			codes[i], answers[i] = deliverGeneric(t, srv.URL, body)
		}()
	}
	wg.Wait()
	var first string
	if err := app.DB().Select("id").From("moments").Where(dbx.HashExp{"external_id": "resp-1"}).Row(&first); err != nil {
		t.Fatal(err)
	}
	created := 0
	for i, a := range answers {
		if i%3 == 2 {
			if codes[i] != http.StatusCreated {
				t.Errorf("the other promoter %d answered %d", i, codes[i])
			}
			continue
		}
		if a.ID != first {
			t.Errorf("copy %d answered id %q, want the first moment's %q", i, a.ID, first)
		}
		if codes[i] == http.StatusCreated {
			created++
		} else if codes[i] != http.StatusOK || !a.Duplicate {
			t.Errorf("copy %d answered %d %+v, want 200 duplicate", i, codes[i], a)
		}
	}
	if created != 1 {
		t.Errorf("%d copies answered 201, want exactly 1", created)
	}
	expectWritten(5, 5, 5)(t, app, nil)
}

func TestAnAnswerArrivingAsTheAppShutsDownIsRefusedWithA503AndNotStored(t *testing.T) {
	app := withSecret(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	if code, _ := deliverGeneric(t, srv.URL, generic("10")); code != http.StatusServiceUnavailable {
		t.Errorf("answered %d, want 503", code)
	}
	expectWritten(0, 0, 0)(t, app, nil)
}
