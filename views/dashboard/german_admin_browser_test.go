package dashboard_test

import (
	"context"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// germanAdminInBrowser serves the demo program to a browser signed in as
// a superuser who reads the dashboard in German: the start of every
// browser test of the translated screens. It returns the app, the server's
// address and the browser.
func germanAdminInBrowser(t *testing.T) (*tests.TestApp, string, context.Context) {
	app := testapp.Bare(t)
	t.Cleanup(app.Cleanup)
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("UPDATE _superusers SET locale = 'de'").Execute(); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	ctx := browsertest.NewFor(t, 10*time.Minute)
	browsertest.SignIn(t, ctx, srv.URL, testapp.SuperuserToken)
	return app, srv.URL, ctx
}
