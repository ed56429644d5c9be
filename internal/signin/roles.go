package signin

import (
	"github.com/pocketbase/pocketbase/core"
)

// Team is the auth collection of the people who run the program in the
// dashboard without being PocketBase superusers.
const Team = "team"

// The roles of the team. A superuser counts as an owner in the dashboard.
const (
	Owner = "owner"
	Admin = "admin"
	Sales = "sales"
)

// Roles lists the roles, the widest first.
var Roles = []string{Owner, Admin, Sales}

// RoleOf is the dashboard role of a signed-in record: a superuser is an
// owner, a team member has their role, anyone else has none ("").
func RoleOf(r *core.Record) string {
	switch {
	case r == nil:
		return ""
	case r.IsSuperuser():
		return Owner
	case r.Collection().Name == Team:
		return r.GetString("role")
	}
	return ""
}

// Actor is how the history names a signed-in person who made a move:
// "Dana Lee (sales)" for a team member, "admin@acme.example (superuser)"
// for a superuser.
func Actor(r *core.Record) string {
	switch {
	case r == nil:
		return ""
	case r.IsSuperuser():
		return r.Email() + " (superuser)"
	}
	name := r.GetString("name")
	if name == "" {
		name = r.Email()
	}
	return name + " (" + r.GetString("role") + ")"
}
