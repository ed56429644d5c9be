package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// chatNotesMigration is migration 1764000018, to run by hand on an app.
func chatNotesMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000018_chat_notes.go" {
			return m
		}
	}
	t.Fatal("migration 1764000018_chat_notes.go is not registered")
	return nil
}

// chatNotesState says whether the settings have the chat URL and the
// summary week, and whether the weekly summary page exists.
func chatNotesState(t *testing.T, app core.App) (url, week, page bool) {
	t.Helper()
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		t.Fatal(err)
	}
	_, err = app.FindFirstRecordByData("pages", "slug", "weekly_summary")
	return settings.Fields.GetByName("chat_webhook_url") != nil, settings.Fields.GetByName("summary_week") != nil, err == nil
}

func TestTheChatNotesMigrationAddsTheChatURLTheSummaryWeekAndPageAndUndoes(t *testing.T) {
	app := beforeTranslations(t)
	if url, week, page := chatNotesState(t, app); !url || !week || !page {
		t.Fatalf("after up: chat URL %v, summary week %v, weekly_summary page %v", url, week, page)
	}
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.GetString("chat_webhook_url") != "" || r.GetString("summary_week") != "" {
		t.Errorf("a fresh program starts with chat URL %q and summary week %q; want neither", r.GetString("chat_webhook_url"), r.GetString("summary_week"))
	}
	mig := chatNotesMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if url, week, page := chatNotesState(t, app); url || week || page {
		t.Fatalf("after down: chat URL %v, summary week %v, weekly_summary page %v; want none", url, week, page)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if url, week, page := chatNotesState(t, app); !url || !week || !page {
		t.Fatalf("after up again: chat URL %v, summary week %v, weekly_summary page %v", url, week, page)
	}
}
