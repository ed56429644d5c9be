package dashboard

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
	"warmloop/views/site"
)

// The dashboard's one role table. Every route is checked against it by the
// pattern routes.go registers it with (the request's Pattern), so a route
// added to the table is refused to a role until it is listed here.
//
//   - owner (and every superuser): everything, and the Team screen;
//   - admin: everything but the Team screen: only owners decide who has
//     access and with which role;
//   - sales: the routes listed in salesRoutes.

// salesRoutes are the routes a sales member may use: the referrals (the
// board, the table, the flagged), a referral's own page and its notes,
// moving a referral and setting its values, the customer page of a
// referee (or referrer) a referral links to, and their own account (the
// dashboard's language). No settings, secrets, pages,
// outbox, program editors, rewards, exports, imports or erasure.
var salesRoutes = map[string]bool{
	"GET /dashboard/referrals":             true,
	"POST /dashboard/referrals/{id}":       true,
	"GET /dashboard/referrals/{id}":        true,
	"POST /dashboard/referrals/{id}/notes": true,
	"GET /dashboard/customers/{id}":        true,
	"GET /dashboard/account":               true,
	"POST /dashboard/account":              true,
}

// ownerPrefix is where the owners-only screens live.
const ownerPrefix = "/dashboard/team"

// allows reports whether a role may use the route registered as pattern
// ("POST /dashboard/referrals/{id}").
func allows(role, pattern string) bool {
	switch role {
	case signin.Owner:
		return true
	case signin.Admin:
		_, path, _ := strings.Cut(pattern, " ")
		return path != ownerPrefix && !strings.HasPrefix(path, ownerPrefix+"/")
	case signin.Sales:
		return salesRoutes[pattern]
	}
	return false
}

// requireRole refuses a signed-in person a route their role does not
// allow, before anything is read or written: a 403 page, or for htmx a
// 403 fragment it does not swap in.
func requireRole(e *core.RequestEvent) error {
	role := signin.RoleOf(e.Auth)
	if allows(role, e.Request.Pattern) {
		return e.Next()
	}
	if site.IsHTMX(e) {
		e.Response.Header().Set("HX-Reswap", "none")
		return e.HTML(http.StatusForbidden, `<p role="alert">Your role does not allow this.</p>`)
	}
	return adminError(e, http.StatusForbidden, "Not open to your role",
		"Your role ("+role+") does not open this page. If you need it, ask an owner of your team.")
}

// navigation is the main navigation's links, each with the route that
// opens it; the layout leaves out what the signed-in role may not open.
var navigation = []struct{ Path, Pattern string }{
	{"/dashboard", "GET /dashboard"},
	{"/dashboard/customers", "GET /dashboard/customers"},
	{"/dashboard/referrals", "GET /dashboard/referrals"},
	{"/dashboard/rewards", "GET /dashboard/rewards"},
	{"/dashboard/program", "GET /dashboard/program"},
	{"/dashboard/pages", "GET /dashboard/pages"},
	{"/dashboard/settings", "GET /dashboard/settings"},
	{"/dashboard/outbox", "GET /dashboard/outbox"},
	{"/dashboard/team", "GET /dashboard/team"},
}

// hiddenNav is the navigation's links a role may not open.
func hiddenNav(role string) map[string]bool {
	hidden := map[string]bool{}
	for _, n := range navigation {
		if !allows(role, n.Pattern) {
			hidden[n.Path] = true
		}
	}
	return hidden
}

// home is the dashboard's front door: the overview, or for a role that
// does not see it, the referrals.
func home(e *core.RequestEvent) error {
	if !allows(signin.RoleOf(e.Auth), "GET /dashboard") {
		return e.Redirect(http.StatusSeeOther, "/dashboard/referrals")
	}
	return overview(e)
}
