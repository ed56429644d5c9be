package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// importStatuses are the states of an import: running while a process
// writes it; done or failed when it ended; interrupted when the server
// stopped before it ended.
var importStatuses = []string{"running", "done", "failed", "interrupted"}

// importKinds are what an import writes.
var importKinds = []string{"customers"}

// The imports collection keeps a dashboard import's progress and summary in
// the database, so its page reads the same after a restart. Superusers only,
// like every Warmloop collection: its rejected lines may hold emails.
func init() {
	m.Register(func(app core.App) error {
		imports := core.NewBaseCollection("imports")
		imports.Fields.Add(
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: importKinds},
			&core.TextField{Name: "file", Max: 255, Help: "The name of the uploaded file."},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: importStatuses},
			&core.NumberField{Name: "total", OnlyInt: true, Min: ptr(0), Help: "Data lines in the file."},
			&core.NumberField{Name: "done", OnlyInt: true, Min: ptr(0), Help: "Lines dealt with so far."},
			&core.NumberField{Name: "created_count", OnlyInt: true, Min: ptr(0), Help: "Customers created."},
			&core.NumberField{Name: "skipped_count", OnlyInt: true, Min: ptr(0), Help: "Lines whose customer was already there."},
			&core.NumberField{Name: "rejected_count", OnlyInt: true, Min: ptr(0), Help: "Lines refused, all of them."},
			&core.JSONField{Name: "rejected_lines", MaxSize: 2 << 20,
				Help: "The first rejected lines, [{line, reason}]; a reason may quote the line's email."},
			&core.TextField{Name: "error", Max: 1000},
			&core.EmailField{Name: "started_by", Help: "The admin who uploaded the file."},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		imports.AddIndex("idx_imports_status", false, "status", "")
		imports.AddIndex("idx_imports_created", false, "created", "")
		return app.Save(imports)
	}, func(app core.App) error {
		imports, err := app.FindCollectionByNameOrId("imports")
		if err != nil {
			return err
		}
		return app.Delete(imports)
	})
}
