"""`lintnews server`: lintnews in the editor, as a language server (LSP over stdio).

protocol.py speaks the protocol (pygls) and keeps lints off its message loop; session.py
holds the client's settings and open documents and lints them with `lintnews.core.Linter`,
as `lintnews check` does; diagnostics.py, actions.py and positions.py turn findings into
diagnostics, code actions and hovers at positions in the client's encoding. Needs the
`server` extra (pygls, lsprotocol).
"""
