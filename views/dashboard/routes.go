// Package dashboard serves /dashboard: the signed-in team runs the program
// here. Every screen is server-rendered with htmx; every route but the
// sign-in needs a signed-in superuser, and every state-changing request
// passes the same-origin check. Handlers parse, call the domain, render.
package dashboard

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"warmloop/internal/rewards"
	"warmloop/views/site"
)

// Register binds every dashboard route. Every route reads the session
// cookie; the sign-in keeps its own rate limit (PocketBase's settings).
func Register(se *core.ServeEvent) {
	g := se.Router.Group("/dashboard")
	g.Bind(&hook.Handler[*core.RequestEvent]{
		Func:     loadSession,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
	})
	g.GET("/login", loginForm)
	g.POST("/login", login).BindFunc(site.SameOrigin)
	g.POST("/logout", logout).BindFunc(site.SameOrigin)
	g.GET("", overview).BindFunc(requireAdmin)
	g.GET("/{$}", overview).BindFunc(requireAdmin)

	o := adminGroup(g, "/overview")
	o.GET("/activity", activity)

	c := adminGroup(g, "/customers")
	c.GET("", customerList)
	c.GET("/new", customerNewForm)
	c.POST("/new", customerCreate)
	c.GET("/import", customerImportForm)
	c.POST("/import", customerImportStart)
	c.GET("/import/{job}", customerImportProgress)
	c.GET("/{id}", customerDetail)
	c.POST("/{id}/optout", customerOptOut)
	c.POST("/{id}/optin", customerOptIn)

	m := adminGroup(g, "/moments")
	m.GET("/new", momentNewForm)
	m.POST("/new", momentCreate)

	r := adminGroup(g, "/referrals")
	r.GET("", referralsList)
	r.GET("/export.csv", referralsExport)
	r.POST("/{id}", referralUpdate)
	r.POST("/{id}/review", referralReview)

	w := adminGroup(g, "/rewards")
	w.GET("", rewardsList)
	w.POST("/{id}/approve", rewardDecide(rewards.Approved, "approved"))
	w.POST("/{id}/fulfil", rewardDecide(rewards.Fulfilled, "fulfilled"))
	w.POST("/{id}/decline", rewardDecide(rewards.Declined, "declined"))

	bindProgram(adminGroup(g, "/program"))

	p := adminGroup(g, "/pages")
	p.GET("", listPages)
	p.GET("/{slug}", editPage)
	p.POST("/{slug}", savePage)
	p.POST("/{slug}/preview", previewPageFragment)
	p.POST("/{slug}/restore", restorePage)

	s := adminGroup(g, "/settings")
	s.GET("", settShow)
	s.GET("/{$}", settShow)
	s.POST("", settSave)
	s.POST("/{$}", settSave)
	s.POST("/test-email", settTestEmail)

	x := adminGroup(g, "/outbox")
	x.GET("", listOutbox)
	x.POST("/retry-failed", retryAllFailed)
	x.POST("/{id}/retry", retryOutboxRow)
}

// bindProgram serves editing incentives, tiers and message variants.
func bindProgram(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", progList)
	g.GET("/{$}", progList)

	g.GET("/incentives/new", progIncentiveNewForm)
	g.POST("/incentives/new", progIncentiveCreate)
	g.GET("/incentives/{id}", progIncentiveEditForm)
	g.POST("/incentives/{id}", progIncentiveUpdate)
	g.POST("/incentives/{id}/active", progIncentiveSetActive)
	g.POST("/incentives/{id}/delete", progIncentiveDelete)

	g.GET("/tiers/new", progTierNewForm)
	g.POST("/tiers/new", progTierCreate)
	g.GET("/tiers/{id}", progTierEditForm)
	g.POST("/tiers/{id}", progTierUpdate)
	g.POST("/tiers/{id}/delete", progTierDelete)

	g.GET("/variants/new", progVariantNewForm)
	g.POST("/variants/new", progVariantCreate)
	g.POST("/variants/preview", progVariantPreview)
	g.GET("/variants/{id}", progVariantEditForm)
	g.POST("/variants/{id}", progVariantUpdate)
	g.POST("/variants/{id}/active", progVariantSetActive)
	g.POST("/variants/{id}/delete", progVariantDelete)
}

// adminGroup is a group of dashboard routes under prefix: every route needs
// a signed-in superuser, and every state-changing request passes the
// cross-origin check (safe methods pass it untouched).
func adminGroup(g *router.RouterGroup[*core.RequestEvent], prefix string) *router.RouterGroup[*core.RequestEvent] {
	sub := g.Group(prefix)
	sub.BindFunc(requireAdmin)
	sub.BindFunc(site.SameOrigin)
	return sub
}
