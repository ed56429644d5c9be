package views

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"warmloop/static"
)

// Register binds every Warmloop route on serve.
func Register(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		bindStatic(se)
		bindHome(se)
		bindDashboard(se)
		bindWebhooks(se)
		bindUnsubscribe(se)
		bindReferring(se)
		bindReferee(se)
		// Anything else a browser asks for gets the friendly 404 page; the
		// more specific routes of PocketBase (/api/, /_/) still win.
		se.Router.GET("/{path...}", notFound)
		return se.Next()
	})
}

// bindStatic serves the embedded CSS, images and vendored htmx.
func bindStatic(se *core.ServeEvent) {
	sub, _ := fs.Sub(static.FS, ".")
	se.Router.GET("/static/{path...}", apis.Static(sub, false)).
		BindFunc(func(e *core.RequestEvent) error {
			e.Response.Header().Set("Cache-Control", "public, max-age=86400")
			return e.Next()
		})
}

// bindHome serves the public home page, its live status fragment, and the
// recognition wall.
func bindHome(se *core.ServeEvent) {
	se.Router.GET("/{$}", home)
	se.Router.GET("/status", status)
	se.Router.GET("/thanks", thanks)
}

// bindDashboard serves the admin dashboard: sign-in, sign-out and the overview.
// Every route reads the session cookie; every POST passes the cross-origin check.
func bindDashboard(se *core.ServeEvent) {
	g := se.Router.Group("/dashboard")
	g.Bind(&hook.Handler[*core.RequestEvent]{
		Func:     loadSession,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
	})
	g.GET("/login", loginForm)
	g.POST("/login", login).BindFunc(sameOrigin)
	g.POST("/logout", logout).BindFunc(sameOrigin)
	g.GET("", overview).BindFunc(requireAdmin)
	g.GET("/{$}", overview).BindFunc(requireAdmin)
	bindOverviewParts(adminGroup(g, "/overview"))
	bindCustomers(adminGroup(g, "/customers"))
	bindMoments(adminGroup(g, "/moments"))
	bindReferralsAdmin(adminGroup(g, "/referrals"))
	bindRewardsAdmin(adminGroup(g, "/rewards"))
	bindProgram(adminGroup(g, "/program"))
	bindPagesAdmin(adminGroup(g, "/pages"))
	bindSettings(adminGroup(g, "/settings"))
	bindOutbox(adminGroup(g, "/outbox"))
}
