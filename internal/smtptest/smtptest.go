// Package smtptest runs a real SMTP server (emersion/go-smtp) on loopback for
// tests, keeping every message it accepts.
package smtptest

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one accepted message: the envelope and the raw data.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is an in-process SMTP server on 127.0.0.1.
type Server struct {
	Host string
	Port int

	mu       sync.Mutex
	messages []Message
	// Down makes the server refuse every message with a temporary error.
	Down atomic.Bool
	// Delay makes every message take this long to accept, like a slow
	// relay; in nanoseconds.
	Delay atomic.Int64
}

// Start runs a server until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Messages returns what the server accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// NewSession implements smtp.Backend.
func (s *Server) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &session{server: s}, nil
}

type session struct {
	server *Server
	msg    Message
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.server.Down.Load() {
		return &smtp.SMTPError{Code: 421, Message: "service not available, try again later"}
	}
	s.msg = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(s.msg.To) == 0 {
		return errors.New("no recipients")
	}
	s.msg.Data = data
	time.Sleep(time.Duration(s.server.Delay.Load()))
	s.server.mu.Lock()
	s.server.messages = append(s.server.messages, s.msg)
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.msg = Message{} }
func (s *session) Logout() error { return nil }
