-- Headless Neovim as an LSP client of cable-language-server (stdio): open a cable, ask for
-- document symbols and a hover, wait for pushed diagnostics, write what came back as JSON
-- to $CABLE_NVIM_OUT, quit. Run by test/protocol/neovim.test.ts.
local server = os.getenv('CABLE_SERVER')
local file = os.getenv('CABLE_FILE')
local out = os.getenv('CABLE_NVIM_OUT')
local result = { symbols = {}, hover = nil, diagnostics = {}, errors = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

vim.filetype = vim.filetype or {}
vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.bo.filetype = 'cable'
local bufnr = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'cable',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      if params and params.diagnostics and #params.diagnostics > 0 then
        result.diagnostics = params.diagnostics
      end
    end,
  },
})
if not client_id then
  table.insert(result.errors, 'start_client failed')
  finish()
end
vim.lsp.buf_attach_client(bufnr, client_id)

-- Wait until the server has initialized.
local ok = vim.wait(10000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized
end, 50)
if not ok then
  table.insert(result.errors, 'server did not initialize')
  finish()
end

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  for _, r in pairs(responses or {}) do
    if r.err then table.insert(result.errors, method .. ': ' .. vim.inspect(r.err)) end
    if r.result then return r.result end
  end
  return nil
end

local uri = vim.uri_from_bufnr(bufnr)
local symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } }) or {}
for _, s in ipairs(symbols) do table.insert(result.symbols, s.name) end

-- Hover on RUEHTA in the DE line.
local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
for i, line in ipairs(lines) do
  local col = line:find('DE RUEHTA', 1, true)
  if col then
    local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = i - 1, character = col + 3 } })
    if hover and hover.contents then result.hover = hover.contents.value or hover.contents end
    break
  end
end

vim.wait(10000, function() return #result.diagnostics > 0 end, 50)
finish()
