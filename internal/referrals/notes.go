package referrals

import (
	"errors"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/text"
)

// NoteMax is the longest note, in characters.
const NoteMax = 5000

// The reasons a note is refused, for the field it was typed in.
var (
	ErrNoteBlank   = errors.New("write something before adding the note")
	ErrNoteTooLong = errors.New("a note can be at most 5000 characters: shorten it or split it in two")
)

// CleanNote is a note as it is stored: the writer's line breaks kept,
// invisible characters removed; an error says why it cannot be stored.
func CleanNote(body string) (string, error) {
	body = text.Block(body)
	switch {
	case body == "":
		return "", ErrNoteBlank
	case utf8.RuneCountInString(body) > NoteMax:
		return body, ErrNoteTooLong
	}
	return body, nil
}

// AddNote writes a note on a referral by author, cleaned by CleanNote.
func AddNote(app core.App, referralID, author, body string) (*core.Record, error) {
	body, err := CleanNote(body)
	if err != nil {
		return nil, err
	}
	coll, err := app.FindCachedCollectionByNameOrId("referral_notes")
	if err != nil {
		return nil, err
	}
	note := core.NewRecord(coll)
	note.Set("referral", referralID)
	note.Set("author", text.Line(author))
	note.Set("body", body)
	return note, app.Save(note)
}

// FindNotes lists a referral's notes, newest first.
func FindNotes(app core.App, referralID string) ([]Note, error) {
	var notes []Note
	err := app.DB().Select("id", "author", "body", "created").From("referral_notes").
		Where(dbx.HashExp{"referral": referralID}).OrderBy("created DESC", "rowid DESC").All(&notes)
	return notes, err
}
