package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestRESTAskStatusMoves(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	move := func(name, id, from, to string, allowed bool) tests.ApiScenario {
		s := tests.ApiScenario{
			Name: name, Method: http.MethodPatch, URL: "/api/collections/asks/records/" + id,
			Body: strings.NewReader(`{"status":"` + to + `"}`), Headers: auth,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"status":"` + to + `"`},
			AfterTestFunc: expectField("asks", id, "status", to),
		}
		if !allowed {
			s.ExpectedStatus = http.StatusBadRequest
			s.ExpectedContent = []string{`"status":{"code":"invalid_transition"`}
			s.AfterTestFunc = expectField("asks", id, "status", from)
		}
		return s
	}
	scenarios := []tests.ApiScenario{
		move("an ask cannot move from referred back to queued", askReferred, "referred", "queued", false),
		move("a referred ask cannot be marked clicked", askReferred, "referred", "clicked", false),
		move("a sent ask cannot be queued again", askSent, "sent", "queued", false),
		move("a sent ask cannot turn failed", askSent, "sent", "failed", false),
		move("a clicked ask cannot go back to sent", askClicked, "clicked", "sent", false),
		move("a failed ask cannot be queued again", askFailed, "failed", "queued", false),
		move("a queued ask can be marked sent", askQueued, "queued", "sent", true),
		move("a queued ask can fail", askQueued, "queued", "failed", true),
		move("a failed ask can be sent on a retry", askFailed, "failed", "sent", true),
		move("a sent ask can be clicked", askSent, "sent", "clicked", true),
		move("a clicked ask can move to referred", askClicked, "clicked", "referred", true),
		move("a queued ask can move straight to referred", askQueued, "queued", "referred", true),
		{
			Name: "the refusal says the move in plain words", Method: http.MethodPatch, URL: "/api/collections/asks/records/" + askReferred,
			Body: strings.NewReader(`{"status":"queued"}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{"An ask that is referred is final: it cannot move to queued"},
		},
		{
			Name: "a referred ask takes edits that keep its status", Method: http.MethodPatch, URL: "/api/collections/asks/records/" + askReferred,
			Body: strings.NewReader(`{"cadence":"aggressive"}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"cadence":"aggressive"`},
			AfterTestFunc:   expectField("asks", askReferred, "cadence", "aggressive"),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = programApp
		s.Test(t)
	}
}
