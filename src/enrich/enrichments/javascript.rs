//! `javascript_script_config`: runs the user's `process(event, params)` in an embedded,
//! sandboxed JavaScript engine (QuickJS through `rquickjs`), as Snowplow's JavaScript
//! enrichment does with Nashorn.
//!
//! * The event has a Java-bean-style getter and setter per column (`event.getApp_id()`,
//!   `event.setApp_id("x")`) and a property of the same name (`event.app_id`). Integer columns
//!   read as numbers, the others as strings; absent values are `null`. Setting `null` or
//!   `undefined` empties the column.
//! * `process` returns an array of self-describing JSONs, added to the derived contexts, or
//!   `null`/`undefined` for none. A thrown error, a result that is not an array of
//!   self-describing JSONs, or running past the time limit makes the event an
//!   `enrichment_failures` bad row.
//! * `params` is the config's `config` object (schema 1-0-1), or `{}`.
//! * Sandbox: the engine has only the ECMAScript built-ins (no `require`, no Java classes, no
//!   file, network or process access), a memory limit, a stack limit and a per-event time
//!   limit enforced by QuickJS's interrupt handler.
//!
//! Each worker thread compiles the script once into its own runtime (kept in a thread-local)
//! and reuses it for every event; the event is lent to the runtime for the call, not copied.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rquickjs::{Context, Ctx, Function, Runtime};
use serde_json::Value;

use crate::enrich::badrow::Problem;
use crate::enrich::base64::decode_lenient;
use crate::enrich::event::{EnrichedEvent, FIELD_NAMES, Field, FieldType};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

/// The default per-event time limit.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_millis(200);

/// How much memory one worker's JavaScript runtime may allocate.
const MEMORY_LIMIT: usize = 64 << 20;

/// How deep the JavaScript stack may grow.
const STACK_LIMIT: usize = 1 << 20;

/// The global the per-event entry point is stored under.
const RUNNER: &str = "__snowplowctlRunProcess";

/// Builds the entry point: a prototype with a getter/setter pair per column (created once),
/// and a function that hands `process` a fresh event object and returns its result (turned
/// into JSON by [`returned_json`]).
const PRELUDE: &str = r#"(function (names, integers, get, set, params, userProcess) {
  const proto = {};
  names.forEach(function (name, i) {
    const suffix = name.charAt(0).toUpperCase() + name.slice(1);
    const read = integers[i]
      ? function () { const v = get(i); return v === null ? null : Number(v); }
      : function () { return get(i); };
    const write = function (v) { set(i, v === null || v === undefined ? null : String(v)); };
    proto["get" + suffix] = read;
    proto["set" + suffix] = write;
    Object.defineProperty(proto, name, { get: read, set: write });
  });
  Object.freeze(proto);
  return function () {
    return userProcess(Object.create(proto), params);
  };
})"#;

/// Why a JavaScript enrichment config was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JavascriptError {
    /// A config parameter has the wrong shape.
    #[error("parameter {pointer}: {message}")]
    Parameter {
        /// JSON pointer into the config's `parameters`.
        pointer: &'static str,
        /// What was expected.
        message: String,
    },
    /// The script does not compile or does not define `process`.
    #[error("parameter /script: {0}")]
    Script(String),
}

/// Distinguishes instances so a thread's runtime never runs another instance's script.
static NEXT_INSTANCE: AtomicU64 = AtomicU64::new(1);

/// The `javascript_script_config` enrichment.
#[derive(Debug, Clone)]
pub struct JavascriptScript {
    source: Arc<str>,
    params: Arc<str>,
    time_limit: Duration,
    instance: u64,
}

/// One thread's compiled script. Fields drop in order: the context before its runtime.
struct Worker {
    instance: u64,
    context: Context,
    /// The event being processed, lent by the step for the duration of one call.
    event: Rc<RefCell<EnrichedEvent>>,
    /// When the current call must stop; `None` between calls.
    deadline: Rc<Cell<Option<Instant>>>,
    /// Whether the current call set `contexts` or `unstruct_event`.
    entities_written: Rc<Cell<bool>>,
    _runtime: Runtime,
}

thread_local! {
    static WORKERS: RefCell<Vec<Worker>> = const { RefCell::new(Vec::new()) };
}

/// The text of the pending JavaScript exception.
fn exception_text(ctx: &Ctx<'_>, error: rquickjs::Error) -> String {
    if !matches!(error, rquickjs::Error::Exception) {
        return error.to_string();
    }
    let thrown = ctx.catch();
    if let Some(exception) = thrown.as_exception() {
        let name = exception.get::<_, Option<String>>("name").ok().flatten();
        let message = exception.message().unwrap_or_default();
        return match name {
            Some(name) if !name.is_empty() => format!("{name}: {message}"),
            _ => message,
        };
    }
    thrown
        .as_string()
        .and_then(|s| s.to_string().ok())
        .or_else(|| ctx.json_stringify(thrown).ok().flatten().and_then(|s| s.to_string().ok()))
        .unwrap_or_else(|| "uncaught exception".into())
}

/// What `process` returned, as the JSON text `JSON.stringify` makes of it; `None` for `null`,
/// `undefined` and values JSON leaves out. The usual answer, an empty array, is recognised
/// without the serialiser (which costs more than the rest of the call) when nothing can change
/// how it serialises: a genuine array, no proxy in its prototype chain, no `toJSON` anywhere
/// in it. Those checks run no script, so the result and its side effects are the same.
fn returned_json<'js>(ctx: &Ctx<'js>, value: rquickjs::Value<'js>) -> rquickjs::Result<Option<String>> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    if is_plain_empty_array(&value)? {
        return Ok(Some("[]".to_owned()));
    }
    ctx.json_stringify(value)?.map(|json| json.to_string()).transpose()
}

/// Whether `value` is a genuine array (not a proxy) of length 0 whose prototype chain holds
/// no proxy and no `toJSON`.
fn is_plain_empty_array(value: &rquickjs::Value<'_>) -> rquickjs::Result<bool> {
    // `is_array` is true for genuine arrays only, never for a proxy.
    let Some(array) = value.as_object().filter(|_| value.is_array()) else { return Ok(false) };
    let mut prototype = array.get_prototype();
    while let Some(object) = prototype {
        // A proxy's traps are script: leave such arrays to the serialiser.
        if object.is_proxy() {
            return Ok(false);
        }
        prototype = object.get_prototype();
    }
    // Ordinary objects all the way: asking for a property runs no getter.
    if array.contains_key("toJSON")? {
        return Ok(false);
    }
    let length: rquickjs::Value<'_> = array.get("length")?;
    Ok(length.as_int() == Some(0))
}

impl Worker {
    fn new(script: &JavascriptScript) -> Result<Worker, String> {
        let runtime = Runtime::new().map_err(|e| e.to_string())?;
        runtime.set_memory_limit(MEMORY_LIMIT);
        runtime.set_max_stack_size(STACK_LIMIT);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let watched = Rc::clone(&deadline);
        runtime.set_interrupt_handler(Some(Box::new(move || watched.get().is_some_and(|d| Instant::now() >= d))));
        let context = Context::full(&runtime).map_err(|e| e.to_string())?;
        let event = Rc::new(RefCell::new(EnrichedEvent::new()));
        let entities_written = Rc::new(Cell::new(false));
        // Compiling the user's script runs its top level: it gets the time limit too.
        deadline.set(Some(Instant::now() + script.time_limit));
        let setup = context.with(|ctx| -> Result<(), String> {
            ctx.eval::<(), _>(script.source.as_bytes()).map_err(|e| exception_text(&ctx, e))?;
            let process: Function<'_> = match ctx.globals().get::<_, rquickjs::Value<'_>>("process") {
                Ok(value) if value.is_function() => value.into_function().ok_or("process is not a function")?,
                _ => return Err("the script does not define a function process(event)".into()),
            };
            let names: Vec<&str> = FIELD_NAMES.to_vec();
            let integers: Vec<bool> = Field::ALL.iter().map(|f| f.field_type() == FieldType::Integer).collect();
            let reader = Rc::clone(&event);
            let get = Function::new(ctx.clone(), move |index: usize| -> Option<String> {
                let field = Field::ALL.get(index)?;
                reader.borrow().get(*field).map(str::to_owned)
            })
            .map_err(|e| e.to_string())?;
            let writer = Rc::clone(&event);
            let written = Rc::clone(&entities_written);
            let set = Function::new(ctx.clone(), move |index: usize, value: Option<String>| {
                if let Some(field) = Field::ALL.get(index) {
                    if matches!(field, Field::Contexts | Field::UnstructEvent) {
                        written.set(true);
                    }
                    let mut event = writer.borrow_mut();
                    match value {
                        Some(value) => event.set(*field, &value),
                        None => event.unset(*field),
                    }
                }
            })
            .map_err(|e| e.to_string())?;
            let params = ctx.json_parse(script.params.as_bytes()).map_err(|e| exception_text(&ctx, e))?;
            let prelude: Function<'_> = ctx.eval(PRELUDE).map_err(|e| exception_text(&ctx, e))?;
            let runner: Function<'_> =
                prelude.call((names, integers, get, set, params, process)).map_err(|e| exception_text(&ctx, e))?;
            ctx.globals().set(RUNNER, runner).map_err(|e| e.to_string())
        });
        deadline.set(None);
        setup?;
        Ok(Worker { instance: script.instance, context, event, deadline, entities_written, _runtime: runtime })
    }

    /// Runs `process` on `event`; `Ok(None)` when it returned no contexts.
    fn run(&self, event: &mut EnrichedEvent, time_limit: Duration) -> Result<Option<String>, String> {
        std::mem::swap(event, &mut self.event.borrow_mut());
        self.entities_written.set(false);
        let started = Instant::now();
        self.deadline.set(Some(started + time_limit));
        let result = self.context.with(|ctx| {
            let runner: Function<'_> = ctx.globals().get(RUNNER).map_err(|e| exception_text(&ctx, e))?;
            let returned: rquickjs::Value<'_> = runner.call(()).map_err(|e| exception_text(&ctx, e))?;
            returned_json(&ctx, returned).map_err(|e| exception_text(&ctx, e))
        });
        self.deadline.set(None);
        std::mem::swap(event, &mut self.event.borrow_mut());
        result.map_err(|message| {
            if started.elapsed() >= time_limit {
                format!("stopped after the time limit of {} ms ({message})", time_limit.as_millis())
            } else {
                message
            }
        })
    }
}

impl JavascriptScript {
    /// Builds the enrichment from the config's `parameters`: `script` (base64 of the
    /// JavaScript) and, for schema 1-0-1, an optional `config` object handed to `process` as
    /// its second argument. The script is compiled once here, so a syntax error or a missing
    /// `process` function is reported at start.
    pub fn from_parts(parameters: &Value) -> Result<JavascriptScript, JavascriptError> {
        let encoded = parameters.get("script").and_then(Value::as_str).ok_or_else(|| JavascriptError::Parameter {
            pointer: "/script",
            message: "expected the script as a base64 string".into(),
        })?;
        let source = String::from_utf8(decode_lenient(encoded.trim().as_bytes())).map_err(|_| {
            JavascriptError::Parameter { pointer: "/script", message: "the decoded script is not UTF-8 text".into() }
        })?;
        let params = match parameters.get("config") {
            None | Some(Value::Null) => "{}".to_owned(),
            Some(config @ Value::Object(_)) => config.to_string(),
            Some(_) => {
                return Err(JavascriptError::Parameter { pointer: "/config", message: "expected an object".into() });
            }
        };
        let script = JavascriptScript {
            source: Arc::from(source),
            params: Arc::from(params),
            time_limit: DEFAULT_TIME_LIMIT,
            instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
        };
        Worker::new(&script).map_err(JavascriptError::Script)?;
        Ok(script)
    }

    /// Sets the per-event time limit (default [`DEFAULT_TIME_LIMIT`]).
    pub fn with_time_limit(mut self, limit: Duration) -> JavascriptScript {
        self.time_limit = limit;
        self
    }

    /// Runs the script on `event` in this thread's runtime and returns the contexts it added,
    /// or the failure message.
    pub fn run(&self, event: &mut EnrichedEvent) -> Result<Vec<Value>, String> {
        self.run_noting_entity_writes(event, &mut false)
    }

    /// [`JavascriptScript::run`], also setting `entities_written` when the script set
    /// `contexts` or `unstruct_event`.
    fn run_noting_entity_writes(
        &self,
        event: &mut EnrichedEvent,
        entities_written: &mut bool,
    ) -> Result<Vec<Value>, String> {
        let returned = WORKERS.with_borrow_mut(|workers| {
            let index = match workers.iter().position(|w| w.instance == self.instance) {
                Some(index) => index,
                None => {
                    workers.push(Worker::new(self)?);
                    workers.len() - 1
                }
            };
            let returned = workers[index].run(event, self.time_limit);
            *entities_written = workers[index].entities_written.get();
            returned
        })?;
        let Some(json) = returned else { return Ok(Vec::new()) };
        let contexts = match serde_json::from_str::<Value>(&json) {
            Ok(Value::Array(items)) => items,
            _ => return Err(format!("process must return an array of self-describing JSONs, got {json}")),
        };
        for context in &contexts {
            let is_sdj = context.get("schema").and_then(Value::as_str).is_some_and(|s| s.starts_with("iglu:"))
                && context.get("data").is_some();
            if !is_sdj {
                return Err(format!("process returned {context}, which is not a self-describing JSON"));
            }
        }
        Ok(contexts)
    }
}

impl EnrichmentStep for JavascriptScript {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        let mut entities_written = false;
        let result = self.run_noting_entity_writes(event, &mut entities_written);
        // Entities the script set are validated again, even if it set them to the same text.
        output.entities_rewritten |= entities_written;
        match result {
            Ok(contexts) => output.derived_contexts.extend(contexts),
            Err(message) => {
                let message = format!("Error during execution of JavaScript function: [{message}]");
                output.problems.push(Problem::Enrichment {
                    field: None,
                    value: None,
                    legacy: message.clone(),
                    message,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use serde_json::json;

    fn script(source: &str) -> Result<JavascriptScript, JavascriptError> {
        let encoded = base64::engine::general_purpose::STANDARD.encode(source);
        JavascriptScript::from_parts(&json!({"script": encoded}))
    }

    #[test]
    fn getters_setters_and_contexts() {
        let js = script(
            r#"function process(event) {
                 event.setApp_id(event.getApp_id() + "-seen");
                 event.platform = "srv";
                 event.setUser_id(null);
                 return [{schema: "iglu:com.acme/port/jsonschema/1-0-0", data: {port: event.getPage_urlport() + 1}}];
               }"#,
        )
        .unwrap();
        let mut event = EnrichedEvent::new();
        event.set(Field::AppId, "shop");
        event.set(Field::UserId, "someone");
        event.set(Field::PageUrlport, "80");
        let contexts = js.run(&mut event).unwrap();
        assert_eq!(contexts, vec![json!({"schema": "iglu:com.acme/port/jsonschema/1-0-0", "data": {"port": 81}})]);
        assert_eq!(event.get(Field::AppId), Some("shop-seen"));
        assert_eq!(event.get(Field::Platform), Some("srv"));
        assert_eq!(event.get(Field::UserId), None);
    }

    #[test]
    fn config_is_the_second_argument() {
        let encoded = base64::engine::general_purpose::STANDARD
            .encode("function process(event, params) { event.setApp_id(params.name); return null; }");
        let js = JavascriptScript::from_parts(&json!({"script": encoded, "config": {"name": "configured"}})).unwrap();
        let mut event = EnrichedEvent::new();
        assert_eq!(js.run(&mut event).unwrap(), Vec::<Value>::new());
        assert_eq!(event.get(Field::AppId), Some("configured"));
    }

    #[test]
    fn bad_scripts_are_rejected_at_start() {
        assert!(matches!(script("function process(event) {"), Err(JavascriptError::Script(_))));
        assert!(matches!(script("var x = 1;"), Err(JavascriptError::Script(m)) if m.contains("process")));
        let missing = JavascriptScript::from_parts(&json!({})).unwrap_err();
        assert!(matches!(missing, JavascriptError::Parameter { pointer: "/script", .. }));
    }

    #[test]
    fn returned_json_is_what_json_stringify_gives() {
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        context.with(|ctx| {
            let counting_proxy = "new Proxy(Array.prototype, {
                get(t, k, r) { globalThis.touched++; return Reflect.get(t, k, r); },
                has(t, k) { globalThis.touched++; return Reflect.has(t, k); } })";
            let cases = [
                "[]".to_owned(),
                "[1, 'a', {b: null}]".into(),
                "new Array(0)".into(),
                "(() => { const a = [1]; a.pop(); return a; })()".into(),
                "(() => { const a = []; a.toJSON = () => [{schema: 'iglu:a/b/jsonschema/1-0-0', data: {}}]; return a; })()"
                    .into(),
                "(() => { const a = []; Object.defineProperty(a, 'toJSON', { get() { globalThis.touched++; } }); return a; })()"
                    .into(),
                "new Proxy([], { get(t, k) { globalThis.touched++; return Reflect.get(t, k); } })".into(),
                format!("Object.setPrototypeOf([], {counting_proxy})"),
                format!("Object.setPrototypeOf([], Object.create({counting_proxy}))"),
                "(() => { class Sub extends Array {} return new Sub(); })()".into(),
                "null".into(),
                "undefined".into(),
                "(function () {})".into(),
                "({})".into(),
                "'text'".into(),
                "7".into(),
            ];
            for case in cases {
                ctx.eval::<(), _>("globalThis.touched = 0;").unwrap();
                let expected: Option<String> = ctx
                    .eval(format!(
                        "(function () {{ const v = {case}; return v === null || v === undefined ? null : JSON.stringify(v); }})()"
                    ))
                    .unwrap();
                let touched_by_stringify: i32 = ctx.eval("touched").unwrap();
                ctx.eval::<(), _>("globalThis.touched = 0;").unwrap();
                let value: rquickjs::Value<'_> = ctx.eval(case.as_str()).unwrap();
                assert_eq!(returned_json(&ctx, value).unwrap(), expected, "{case}");
                assert_eq!(ctx.eval::<i32, _>("touched").unwrap(), touched_by_stringify, "{case}");
            }
            // A toJSON the script puts on every array is used.
            ctx.eval::<(), _>("Array.prototype.toJSON = function () { return 'custom'; };").unwrap();
            let value: rquickjs::Value<'_> = ctx.eval("[]").unwrap();
            assert_eq!(returned_json(&ctx, value).unwrap().as_deref(), Some("\"custom\""));
        });
    }

    #[test]
    fn wrong_results_and_throws_are_failures() {
        let mut event = EnrichedEvent::new();
        let not_array = script("function process(event) { return {schema: 'iglu:a/b/jsonschema/1-0-0', data: {}}; }");
        assert!(not_array.unwrap().run(&mut event).unwrap_err().contains("array"));
        let not_sdj = script("function process(event) { return [{data: {}}]; }");
        assert!(not_sdj.unwrap().run(&mut event).unwrap_err().contains("self-describing"));
        let throws = script("function process(event) { throw new Error('no thanks'); }").unwrap();
        assert_eq!(throws.run(&mut event).unwrap_err(), "Error: no thanks");
    }
}
