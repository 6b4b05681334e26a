// The teleprompter of a script card: the spoken lines, large, scrolling at the
// pace the card estimates, so that each line reaches the reading mark when its
// time comes. Space pauses, Escape closes. Without scripts, the button stays
// hidden and the card is the same.
(() => {
  const start = document.querySelector(".prompter-start");
  const lines = [...document.querySelectorAll(".script-line[data-start]")];
  if (!start || lines.length === 0) return;
  const button = start.querySelector("button");
  start.hidden = false;
  button.addEventListener("click", open);

  function open() {
    const view = document.createElement("div");
    view.className = "prompter";
    view.setAttribute("role", "dialog");
    view.setAttribute("aria-modal", "true");
    view.setAttribute("aria-label", button.textContent);
    const bar = document.createElement("div");
    bar.className = "prompter-bar";
    const pause = document.createElement("button");
    pause.type = "button";
    pause.textContent = button.dataset.pause;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = button.dataset.close;
    bar.append(pause, close);
    const text = document.createElement("div");
    text.className = "prompter-text";
    const said = lines.map((li) => {
      const spoken = li.querySelector(".spoken");
      const p = document.createElement("p");
      p.textContent = spoken.textContent;
      // The source shown untranslated keeps its language and direction.
      for (const name of ["lang", "dir"]) {
        if (spoken.hasAttribute(name)) p.setAttribute(name, spoken.getAttribute(name));
      }
      text.append(p);
      return { p, start: Number(li.dataset.start), end: Number(li.dataset.end) };
    });
    view.append(bar, text);
    document.body.append(view);
    document.body.classList.add("prompting");
    pause.focus();

    let elapsed = 0;
    let last = performance.now();
    let running = true;
    const toggle = () => {
      running = !running;
      pause.textContent = running ? button.dataset.pause : button.dataset.play;
    };
    const shut = () => {
      view.remove();
      document.body.classList.remove("prompting");
      document.removeEventListener("keydown", keys);
      button.focus();
    };
    const keys = (e) => {
      if (e.key === "Escape") shut();
      else if (e.key === " " && e.target !== pause && e.target !== close) {
        e.preventDefault();
        toggle();
      }
    };
    pause.addEventListener("click", toggle);
    close.addEventListener("click", shut);
    document.addEventListener("keydown", keys);

    // Where the reading mark is in the text at time t: through each line at
    // its speaking pace, still in the pauses between lines.
    const offset = (t) => {
      let y = 0;
      for (const l of said) {
        if (t < l.start) break;
        const share = l.end > l.start ? Math.min(1, (t - l.start) / (l.end - l.start)) : 1;
        y = l.p.offsetTop + share * l.p.offsetHeight;
      }
      return y;
    };
    const frame = (now) => {
      if (!view.isConnected) return;
      if (running) elapsed += (now - last) / 1000;
      last = now;
      const mark = view.clientHeight * 0.3;
      text.style.transform = `translateY(${mark - offset(elapsed)}px)`;
      said.forEach((l, i) => {
        const next = said[i + 1];
        l.p.classList.toggle("current", elapsed >= l.start && (!next || elapsed < next.start));
      });
      view.dataset.elapsed = elapsed.toFixed(2);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }
})();
