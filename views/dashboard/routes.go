// Package dashboard serves /dashboard: the signed-in team runs the program
// here. Every screen is server-rendered with htmx; every route but the
// sign-in and an invitation's page needs a signed-in superuser or team
// member whose role allows it (roles.go), and every state-changing request
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
	g.Bind(&hook.Handler[*core.RequestEvent]{
		Func:     rememberAdminURL,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
	})
	g.GET("/login", loginForm)
	g.POST("/login", login).BindFunc(site.SameOrigin)
	g.POST("/logout", logout).BindFunc(site.SameOrigin)
	g.GET("/invite/{token}", inviteForm).Bind(apis.SkipSuccessActivityLog())
	g.POST("/invite/{token}", inviteAccept).BindFunc(site.SameOrigin).Bind(apis.SkipSuccessActivityLog())
	g.GET("", home).BindFunc(requireSignedIn)
	g.GET("/{$}", home).BindFunc(requireSignedIn)

	bindOverview(adminGroup(g, "/overview"))
	bindSetup(adminGroup(g, "/setup"))
	bindCustomers(adminGroup(g, "/customers"))
	bindMoments(adminGroup(g, "/moments"))
	bindReferrals(adminGroup(g, "/referrals"))
	bindRewards(adminGroup(g, "/rewards"))
	bindProgram(adminGroup(g, "/program"))
	bindPages(adminGroup(g, "/pages"))
	bindSettings(adminGroup(g, "/settings"))
	bindIntegrations(adminGroup(g, "/integrations"))
	bindOutbox(adminGroup(g, "/outbox"))
	bindTeam(adminGroup(g, "/team"))
	bindSources(adminGroup(g, "/sources"))
	bindAccount(adminGroup(g, "/account"))
}

// bindOverview serves the overview's live part: the latest activity, which the overview polls.
func bindOverview(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("/activity", activity)
}

// bindSetup serves the setup checklist's "Send a test ask to me".
func bindSetup(g *router.RouterGroup[*core.RequestEvent]) {
	g.POST("/test-ask", setupTestAsk)
}

// bindCustomers serves customers: the list, adding one, importing a CSV, the detail, opting out and back in,
// and a person's export and erasure.
func bindCustomers(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", customerList)
	g.GET("/export.csv", customersExport)
	g.GET("/pick", customerPick)
	g.POST("/bulk", customerBulk)
	g.GET("/new", customerNewForm)
	g.POST("/new", customerCreate)
	g.GET("/import", customerImportForm)
	g.POST("/import", customerImportStart)
	g.GET("/import/{job}", customerImportProgress)
	g.GET("/import/{job}/undo", customerImportUndoForm)
	g.POST("/import/{job}/undo", customerImportUndo)
	g.GET("/{id}", customerDetail)
	g.GET("/{id}/details/edit", customerEditForm)
	g.POST("/{id}/details/edit", customerUpdate)
	g.POST("/{id}/delete", customerDelete)
	g.POST("/{id}/optout", customerOptOut)
	g.POST("/{id}/optin", customerOptIn)
	g.GET("/{id}/privacy/export", privacyExport(customerSubject))
	g.GET("/{id}/privacy/erase", privacyEraseForm(customerSubject))
	g.POST("/{id}/privacy/erase", privacyErase(customerSubject))
}

// bindMoments serves recording a happy moment by hand.
func bindMoments(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("/new", momentNewForm)
	g.POST("/new", momentCreate)
}

// bindReferrals serves the referral board and table, inline changes, flagged review, the CSV export,
// a referral's own page with its notes, and the referee's export and erasure.
func bindReferrals(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", referralsList)
	g.GET("/export.csv", referralsExport)
	g.GET("/{id}", referralDetail)
	g.POST("/{id}", referralUpdate)
	g.POST("/{id}/notes", referralNoteAdd)
	g.POST("/{id}/review", referralReview)
	g.GET("/{id}/privacy/export", privacyExport(refereeSubject))
	g.GET("/{id}/privacy/erase", privacyEraseForm(refereeSubject))
	g.POST("/{id}/privacy/erase", privacyErase(refereeSubject))
}

// bindRewards serves the rewards queue: approve, fulfil, decline.
func bindRewards(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", rewardsList)
	g.POST("/{id}/approve", rewardDecide(rewards.Approved, "approved"))
	g.POST("/{id}/fulfil", rewardDecide(rewards.Fulfilled, "fulfilled"))
	g.POST("/{id}/decline", rewardDecide(rewards.Declined, "declined"))
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

// bindPages serves the markdown page editor with its live preview and "restore the default".
func bindPages(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", listPages)
	g.GET("/{slug}", editPage)
	g.POST("/{slug}", savePage)
	g.POST("/{slug}/preview", previewPageFragment)
	g.POST("/{slug}/restore", restorePage)
}

// bindSettings serves the program settings, the SMTP status, the test email
// and the chat webhook's test message.
func bindSettings(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", settShow)
	g.GET("/{$}", settShow)
	g.POST("", settSave)
	g.POST("/{$}", settSave)
	g.POST("/test-email", settTestEmail)
	g.POST("/test-chat", settTestChat)
}

// bindIntegrations serves the keys and addresses of the systems of record
// and CRMs, and the CRM stage map.
func bindIntegrations(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", intShow)
	g.POST("", intSave)
}

// bindOutbox serves the outbox: pending, failed and sent messages, retry.
func bindOutbox(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", listOutbox)
	g.GET("/{id}", outboxMessage)
	g.POST("/retry-failed", retryAllFailed)
	g.POST("/{id}/retry", retryOutboxRow)
}

// bindTeam serves the Team screen: inviting a member, changing a role, removing a member.
func bindTeam(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", teamList)
	g.POST("/invite", teamInvite)
	g.POST("/{id}/role", teamSetRole)
	g.POST("/{id}/remove", teamRemove)
}

// adminGroup is a group of dashboard routes under prefix: every route needs
// a signed-in person whose role allows it (roles.go), and every
// state-changing request passes the cross-origin check (safe methods pass
// it untouched).
func adminGroup(g *router.RouterGroup[*core.RequestEvent], prefix string) *router.RouterGroup[*core.RequestEvent] {
	sub := g.Group(prefix)
	sub.BindFunc(requireSignedIn)
	sub.BindFunc(requireRole)
	sub.BindFunc(site.SameOrigin)
	return sub
}
