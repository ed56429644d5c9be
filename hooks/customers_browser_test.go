package hooks_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/ui"

	"warmloop/tests/browsertest"
	"warmloop/tests/schemaapp"
	"warmloop/tests/testapp"
)

// adminUIServer serves app's routes and, as `serve` does, PocketBase's
// admin UI at /_/.
func adminUIServer(t *testing.T, app *tests.TestApp) *httptest.Server {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var handler http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		e.Router.GET("/_/{path...}", apis.Static(ui.DistDirFS, false))
		handler, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserAdminUICreatesACustomerWithoutASourceAsDirect signs in to
// PocketBase's admin UI in headless Chromium, opens the customers
// collection, fills in only the name and the email of a new record (the
// source field is a custom select that a person easily leaves empty) and
// saves it: the customer is created, and direct.
func TestBrowserAdminUICreatesACustomerWithoutASourceAsDirect(t *testing.T) {
	app := testapp.New(t)
	srv := adminUIServer(t, app)
	ctx := browsertest.New(t)
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/_/"),
		chromedp.WaitVisible(`input[name=identity]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=identity]`, schemaapp.SuperuserEmail, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=password]`, schemaapp.SuperuserPassword, chromedp.ByQuery),
		chromedp.Click(`//button[contains(., "Login")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.app-main-nav`, chromedp.ByQuery),
		chromedp.Navigate(srv.URL+"/_/#/collections?collection=customers"),
		chromedp.Click(`button.new-record-btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`textarea[name=name]`, chromedp.ByQuery),
		chromedp.SendKeys(`textarea[name=name]`, "Uma Admin", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=email]`, "uma@admin.example", chromedp.ByQuery),
		chromedp.Click(`//button[contains(., "Create")]`, chromedp.BySearch),
	)
	if err != nil {
		t.Fatal(err)
	}
	// A saved record closes the panel; a refused one keeps it open.
	saved, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Run(saved, chromedp.WaitNotPresent(`input[name=email]`, chromedp.ByQuery)); err != nil {
		browsertest.Screenshot(t, ctx, "admin-ui-new-customer")
		t.Fatalf("the admin UI kept the new customer's form open: the save was refused (%v)", err)
	}
	c, err := app.FindFirstRecordByData("customers", "email", "uma@admin.example")
	if err != nil {
		t.Fatalf("the admin UI's new customer was not saved: %v", err)
	}
	if c.GetString("source") != "direct" {
		t.Errorf("source %q, want direct", c.GetString("source"))
	}
}
