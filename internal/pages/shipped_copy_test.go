package pages

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"warmloop/internal/locale"
	"warmloop/static"
)

// shippedFiles lists the shipped copy by language: the English files
// (content/*.md and content/variants/*.md) under "en", and each other
// shipped locale's files under its name, as paths below content/{locale}/.
func shippedFiles(t *testing.T) map[string][]string {
	t.Helper()
	files := map[string][]string{}
	err := fs.WalkDir(static.Content, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "content/")
		loc, rest, _ := strings.Cut(rel, "/")
		if slices.Contains(locale.Shipped, loc) && loc != locale.English {
			files[loc] = append(files[loc], rest)
		} else {
			files[locale.English] = append(files[locale.English], rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files[locale.English]) < 18 {
		t.Fatalf("only %d English files in the shipped copy: %v", len(files[locale.English]), files[locale.English])
	}
	return files
}

// shippedFile is one file of the shipped copy, split as the migrations and
// ShippedIn split it.
func shippedFile(t *testing.T, name string) (title, body string) {
	t.Helper()
	title, body, ok := readShipped("content/" + name)
	if !ok {
		t.Fatalf("static/content/%s does not start with a \"# \" title line and a blank line", name)
	}
	return title, body
}

func TestEveryShippedLocaleHasEveryPageAndVariantTheEnglishHas(t *testing.T) {
	files := shippedFiles(t)
	english := files[locale.English]
	for _, loc := range locale.Shipped[1:] {
		got := files[loc]
		for _, f := range english {
			if !slices.Contains(got, f) {
				t.Errorf("static/content/%s/%s is missing: the English has %s", loc, f, f)
			}
		}
		for _, f := range got {
			if !slices.Contains(english, f) {
				t.Errorf("static/content/%s/%s has no English original", loc, f)
			}
		}
	}
}

func TestTheTranslatedCopyKeepsTheEnglishVariablesLinksAndMarkdownShape(t *testing.T) {
	files := shippedFiles(t)
	for _, f := range files[locale.English] {
		enTitle, enBody := shippedFile(t, f)
		for _, loc := range locale.Shipped[1:] {
			if !slices.Contains(files[loc], f) {
				continue // reported by the test above
			}
			t.Run(loc+"/"+f, func(t *testing.T) {
				title, body := shippedFile(t, loc+"/"+f)
				if got, want := varSet(title), varSet(enTitle); !slices.Equal(got, want) {
					t.Errorf("the title has the variables %v; the English title has %v", got, want)
				}
				if got, want := varSet(body), varSet(enBody); !slices.Equal(got, want) {
					t.Errorf("the body has the variables %v; the English body has %v", got, want)
				}
				got, want := markdownShape(body), markdownShape(enBody)
				if !slices.Equal(got.blocks, want.blocks) {
					t.Errorf("the body's blocks are\n%v\nthe English body's are\n%v", got.blocks, want.blocks)
				}
				if !slices.Equal(got.links, want.links) {
					t.Errorf("the body links to %v; the English links to %v", got.links, want.links)
				}
				if strings.HasSuffix(body, "\n") != strings.HasSuffix(enBody, "\n") {
					t.Errorf("the body ends with a newline: %v; the English: %v", strings.HasSuffix(body, "\n"), strings.HasSuffix(enBody, "\n"))
				}
				if title == enTitle || body == enBody {
					t.Error("the title or the body is the English, untranslated")
				}
			})
		}
	}
}

// varSet is the {{variables}} a text uses, each once, sorted.
func varSet(s string) []string {
	var out []string
	for _, m := range anyVar.FindAllString(s, -1) {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// shape is what a translation keeps of its original's markdown: its blocks
// in order (headings with their level, lists with their kind and length,
// quotes, paragraphs, emphasis) and its links' destinations in order.
type shape struct {
	blocks, links []string
}

// markdownShape parses markdown as the renderer does and reads its shape.
func markdownShape(src string) shape {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	var s shape
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Document:
		case *ast.Heading:
			s.blocks = append(s.blocks, fmt.Sprintf("heading %d", n.Level))
		case *ast.List:
			s.blocks = append(s.blocks, fmt.Sprintf("list ordered=%v items=%d", n.IsOrdered(), n.ChildCount()))
		case *ast.Emphasis:
			s.blocks = append(s.blocks, fmt.Sprintf("emphasis %d", n.Level))
		case *ast.Link:
			s.links = append(s.links, string(n.Destination))
		default:
			if n.Type() == ast.TypeBlock {
				s.blocks = append(s.blocks, n.Kind().String())
			}
		}
		return ast.WalkContinue, nil
	})
	return s
}
