//! Registers `lintnews server` with Zed, which starts only the language servers an extension
//! registers. Written against zed_extension_api 0.7.0.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

/// The server's id in extension.toml, and its key under "lsp" in Zed's settings.json.
const SERVER_ID: &str = "lintnews";
/// The executable looked up on the worktree's PATH when `lsp.lintnews.binary.path` is unset.
const EXECUTABLE: &str = "lintnews";
/// `lintnews server`: the language server over standard input and output.
const SERVER_ARGUMENTS: &[&str] = &["server"];
const NOT_FOUND: &str = "lintnews was not found on the PATH: install it with \
    `pip install 'lintnews[server]'` (in a virtual environment that Zed's shell activates), \
    or set lsp.lintnews.binary.path in settings.json";

struct LintnewsExtension;

impl zed::Extension for LintnewsExtension {
    fn new() -> Self {
        LintnewsExtension
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(SERVER_ID, worktree)?
            .binary
            .unwrap_or_default();
        let command = match binary.path {
            Some(path) => path,
            None => worktree
                .which(EXECUTABLE)
                .ok_or_else(|| NOT_FOUND.to_string())?,
        };
        // Arguments given in the settings replace `server` (as Zed does for its own servers).
        let args = binary.arguments.unwrap_or_else(|| {
            SERVER_ARGUMENTS
                .iter()
                .map(|argument| argument.to_string())
                .collect()
        });
        // The shell's environment, in which `which` found lintnews (a virtual environment's
        // variables included), then the variables set in the settings.
        let mut env = worktree.shell_env();
        env.extend(binary.env.unwrap_or_default());
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = LspSettings::for_worktree(SERVER_ID, worktree)?;
        Ok(settings.initialization_options.or(settings.settings))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        // Zed sends this in workspace/didChangeConfiguration right after start-up, and the
        // server applies it over the initialization options: falling back to them keeps a
        // user who set only `initialization_options` from having them reset. Under
        // "lintnews", the section the server asks for in workspace/configuration.
        let settings = LspSettings::for_worktree(SERVER_ID, worktree)?;
        Ok(settings
            .settings
            .or(settings.initialization_options)
            .map(|value| serde_json::json!({ "lintnews": value })))
    }
}

zed::register_extension!(LintnewsExtension);
