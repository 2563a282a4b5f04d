//! The renderer: a Bevy plugin that paints the [`SceneFrame`] into the page's
//! canvas with the browser's 2D context. Text is drawn in the page's own fonts, so
//! every glyph the browser has shows (°, ·, accented names); no GPU, WebGL or
//! shader is involved, so it draws everywhere the page runs.
//!
//! It repaints only when the picture changes or the canvas is resized. The
//! canvas's size comes from a `ResizeObserver`, which the browser calls after its
//! own layout: reading `clientWidth` in every frame would force a layout in the
//! middle of the frame, the largest cost of painting the first step. The design
//! box (the frame's width × height) is scaled to fit the canvas whole,
//! centred, at the screen's pixel density.
//!
//! The debrief's charts are stills ([`show_still`]): one frame each, painted by
//! the same code whenever their canvas is laid out at a new size.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use bevy_app::prelude::*;
use bevy_ecs::prelude::*;
use firstshift_bevy::SceneFrame;
use firstshift_draw::{Align, Baseline, Frame, Shape, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};

/// The page's sans-serif stack (style.css uses the same).
const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";

/// Paints the scene into the canvas with id `canvas_id`, when the page has one.
#[derive(Debug)]
pub struct CanvasPlugin {
    pub canvas_id: &'static str,
}

impl Plugin for CanvasPlugin {
    fn build(&self, app: &mut App) {
        let Some(target) = Target::find(self.canvas_id) else {
            return;
        };
        app.insert_non_send(target).add_systems(Last, paint);
    }
}

struct Target {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// The canvas's size in CSS pixels, as the browser last laid it out; (0, 0)
    /// while it is hidden.
    css_size: Rc<Cell<(f64, f64)>>,
    /// The backing store's size when last painted.
    painted_size: (u32, u32),
}

impl Target {
    fn find(id: &str) -> Option<Target> {
        let canvas: HtmlCanvasElement = crate::dom::document()
            .get_element_by_id(id)?
            .dyn_into()
            .ok()?;
        let css_size = Rc::new(Cell::new((0.0, 0.0)));
        watch_size(&canvas, Rc::clone(&css_size));
        Target::new(canvas, css_size)
    }

    fn new(canvas: HtmlCanvasElement, css_size: Rc<Cell<(f64, f64)>>) -> Option<Target> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Target {
            canvas,
            context,
            css_size,
            painted_size: (0, 0),
        })
    }
}

/// Keeps `size` equal to the canvas's laid-out content box.
fn watch_size(canvas: &HtmlCanvasElement, size: Rc<Cell<(f64, f64)>>) {
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries.iter().last() {
            let rect = entry.unchecked_into::<ResizeObserverEntry>().content_rect();
            size.set((rect.width(), rect.height()));
        }
    });
    if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(canvas);
    }
    // The observer lives as long as the page, like the canvas.
    on_resize.forget();
}

fn paint(scene: Res<SceneFrame>, mut target: NonSendMut<Target>) {
    let Some(frame) = scene.0.as_ref() else {
        return;
    };
    target.paint(frame, scene.is_changed());
}

impl Target {
    /// Paints `frame` if it `changed` or the canvas was resized since the last time.
    fn paint(&mut self, frame: &Frame, changed: bool) {
        // Hidden (another screen is showing): nothing to paint until it is shown.
        let (css_w, css_h) = self.css_size.get();
        if css_w <= 0.0 || css_h <= 0.0 {
            return;
        }
        let density = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .max(1.0);
        let size = (
            (css_w * density).round() as u32,
            (css_h * density).round() as u32,
        );
        if !changed && size == self.painted_size {
            return;
        }
        if size != self.painted_size {
            // Resizing the backing store clears it and resets the context.
            self.canvas.set_width(size.0);
            self.canvas.set_height(size.1);
            self.painted_size = size;
        }
        let ctx = &self.context;
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.set_fill_style_str(&frame.background.to_string());
        ctx.fill_rect(0.0, 0.0, f64::from(size.0), f64::from(size.1));
        let (w, h) = (f64::from(frame.width), f64::from(frame.height));
        let scale = (css_w / w).min(css_h / h) * density;
        let (x0, y0) = (
            (f64::from(size.0) - w * scale) / 2.0,
            (f64::from(size.1) - h * scale) / 2.0,
        );
        let _ = ctx.set_transform(scale, 0.0, 0.0, scale, x0, y0);
        for shape in &frame.shapes {
            paint_shape(ctx, shape);
        }
    }
}

thread_local! {
    /// The still canvases on the page by id, each with the observer that repaints
    /// it: a new still with the same id replaces (and disconnects) the old one.
    static STILLS: RefCell<HashMap<String, Still>> = RefCell::new(HashMap::new());
}

/// A still canvas's observer and the closure it calls, dropped together.
struct Still {
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

/// Shows a still (a debrief chart) in `canvas`: whenever the browser lays the
/// canvas out at a new width (first when it is shown), `draw` makes the frame
/// for that width in CSS pixels, the canvas takes the frame's height at that
/// scale, and the frame is painted.
pub fn show_still(canvas: &HtmlCanvasElement, draw: impl Fn(f32) -> Frame + 'static) {
    let Some(mut target) = Target::new(canvas.clone(), Rc::new(Cell::new((0.0, 0.0)))) else {
        return;
    };
    let mut drawn: Option<(f64, Frame)> = None;
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let Some(entry) = entries.iter().last() else {
            return;
        };
        let rect = entry.unchecked_into::<ResizeObserverEntry>().content_rect();
        let width = rect.width();
        if width <= 0.0 {
            return;
        }
        target.css_size.set((width, rect.height()));
        let frame = match drawn.take() {
            Some((w, frame)) if w == width => frame,
            _ => draw(width as f32),
        };
        let height = f64::from(frame.height) * width / f64::from(frame.width);
        if (height - rect.height()).abs() >= 0.5 {
            // The observer calls again once the new height is laid out.
            let _ = target
                .canvas
                .set_attribute("style", &format!("height: {height:.1}px"));
        }
        target.paint(&frame, false);
        drawn = Some((width, frame));
    });
    let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(canvas);
    let still = Still {
        observer,
        _on_resize: on_resize,
    };
    let old = STILLS.with(|stills| stills.borrow_mut().insert(canvas.id(), still));
    // Disconnected before its closure is dropped, so the browser never calls it.
    if let Some(old) = old {
        old.observer.disconnect();
    }
}

fn paint_shape(ctx: &CanvasRenderingContext2d, shape: &Shape) {
    match shape {
        Shape::Rect { x, y, w, h, fill } => {
            ctx.set_fill_style_str(&fill.to_string());
            ctx.fill_rect(f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
        }
        Shape::Outline {
            x,
            y,
            w,
            h,
            stroke,
            width,
        } => {
            ctx.set_stroke_style_str(&stroke.to_string());
            ctx.set_line_width(f64::from(*width));
            ctx.stroke_rect(f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
        }
        Shape::Polyline {
            points,
            stroke,
            width,
        } => {
            let Some((first, rest)) = points.split_first() else {
                return;
            };
            ctx.set_stroke_style_str(&stroke.to_string());
            ctx.set_line_width(f64::from(*width));
            ctx.set_line_join("round");
            ctx.begin_path();
            ctx.move_to(f64::from(first.0), f64::from(first.1));
            for p in rest {
                ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
            ctx.stroke();
        }
        Shape::Text(text) => paint_text(ctx, text),
    }
}

fn paint_text(ctx: &CanvasRenderingContext2d, text: &Text) {
    ctx.set_font(&format!(
        "{}{}px {FONT}",
        if text.bold { "bold " } else { "" },
        text.size
    ));
    ctx.set_fill_style_str(&text.colour.to_string());
    ctx.set_text_align(match text.align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    });
    ctx.set_text_baseline(match text.baseline {
        Baseline::Top => "top",
        Baseline::Middle => "middle",
        Baseline::Bottom => "bottom",
    });
    let lines = match text.wrap {
        Some(width) => wrap(ctx, &text.text, f64::from(width)),
        None => vec![text.text.clone()],
    };
    let line_height = f64::from(text.size) * 1.25;
    let block = line_height * (lines.len().saturating_sub(1)) as f64;
    // A wrapped block grows away from its baseline: down from the top, up from the
    // bottom, both ways from the middle.
    let first_y = f64::from(text.y)
        - match text.baseline {
            Baseline::Top => 0.0,
            Baseline::Middle => block / 2.0,
            Baseline::Bottom => block,
        };
    for (i, line) in lines.iter().enumerate() {
        let y = first_y + line_height * i as f64;
        let _ = match text.fit {
            Some(max) => ctx.fill_text_with_max_width(line, f64::from(text.x), y, f64::from(max)),
            None => ctx.fill_text(line, f64::from(text.x), y),
        };
    }
}

/// Splits `text` into lines no wider than `width` at spaces (a word longer than
/// the width keeps its own line).
fn wrap(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> Vec<String> {
    let measure = |s: &str| ctx.measure_text(s).map_or(0.0, |m| m.width());
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && measure(&candidate) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
