// ncursesw for Swift: access to its wide-character API from Swift 6, and the pieces of the
// terminal backend that must be C (signal handlers, macros Swift does not import).
#ifndef DASF_CNCURSES_SHIM_H
#define DASF_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which is what turns on the wide API.
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t cnc_stop_signal = 0;
static int cnc_screen_active = 0;

static void cnc_on_stop(int sig) { cnc_stop_signal = sig; }

// A crash must not leave the terminal raw: restore it, then die as the signal asked.
static void cnc_on_fatal(int sig) {
    if (cnc_screen_active) { endwin(); cnc_screen_active = 0; }
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void cnc_stop(void);

static void cnc_at_exit(void) { cnc_stop(); }

/// Installs the handlers before ncurses starts (ncurses leaves handlers it finds in place):
/// INT, QUIT (Ctrl-\\, which would otherwise sit in the backtracer), TERM and HUP ask the loop
/// to save and stop; crashes restore the terminal first.
static inline void cnc_install_handlers(void) {
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = cnc_on_stop;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGINT, &stop, NULL);
    sigaction(SIGQUIT, &stop, NULL);
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGHUP, &stop, NULL);
    signal(SIGSEGV, cnc_on_fatal);
    signal(SIGBUS, cnc_on_fatal);
    signal(SIGILL, cnc_on_fatal);
    signal(SIGABRT, cnc_on_fatal);
    signal(SIGFPE, cnc_on_fatal);
    signal(SIGTRAP, cnc_on_fatal);
    atexit(cnc_at_exit);
}

static inline int cnc_stop_requested(void) { return cnc_stop_signal; }

/// Sets the character type from the environment (LC_ALL, LC_CTYPE, LANG) and says whether it is
/// UTF-8. Only LC_CTYPE: it is all ncurses and wcwidth read, and setting every category opened
/// a dozen locale files more before the first frame.
static inline int cnc_setlocale_utf8(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/// newterm rather than initscr: with no usable TERM it returns NULL instead of exiting.
static inline WINDOW *cnc_start(void) {
    set_escdelay(25);
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return NULL;
    set_term(screen);
    // Until its screen has once been left and resumed, ncurses 6.4 writes to the terminal after
    // every cursor movement it makes (its "initial" state, meant for terminfo-level programs):
    // the first frame went out in 124 writes at 120x40 and 237 at 200x60, each a system call and
    // a wake-up of whatever reads the terminal. Left at once, before anything is drawn, its
    // output goes with newterm's in one write (the alternate screen entered and left);
    // `cnc_resume` then comes back, and every frame goes out as one buffer.
    endwin();
    cnc_screen_active = 1;
    return stdscr;
}

/// Back from the `endwin` in `cnc_start`: a refresh of the empty screen. Before colour is
/// started, on purpose: a resume with colour on sends the terminal's "original colours"
/// (OSC 104 on xterm), which would throw away a palette the user set (base16-shell and the like).
static inline void cnc_resume(void) { wrefresh(stdscr); }

/// Turns XON/XOFF flow control off, so Ctrl-S reaches the program (it saves) instead of freezing
/// the output, and tells ncurses this is the program's mode so it is restored after a suspend.
static inline void cnc_flow_control_off(void) {
    struct termios modes;
    if (tcgetattr(STDIN_FILENO, &modes) != 0) return;
    modes.c_iflag &= ~(IXON | IXOFF);
    tcsetattr(STDIN_FILENO, TCSANOW, &modes);
    def_prog_mode();
}

/// Leaves the alternate screen empty before leaving it. tmux, when the window changed size while
/// dasf ran, reflows the alternate screen to its size on entry before restoring the shell's lines;
/// full-width lines that no longer fit spill into the history and come back over the shell's
/// screen. An empty screen has nothing to spill. wclear sends the terminal's own clear, which covers
/// the whole screen even if a resize is still unread.
static inline void cnc_stop(void) {
    if (!cnc_screen_active) return;
    wclear(stdscr);
    wrefresh(stdscr);
    endwin();
    cnc_screen_active = 0;
}

static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline mmask_t cnc_mouse_mask(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t cnc_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_wheel_down(void) { return BUTTON5_PRESSED; }
static inline mmask_t cnc_button1_double(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t cnc_button1_single(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline int cnc_colors(void) { return COLORS; }

/// One cell for wadd_wchnstr: what setcchar makes of a single spacing character, without its
/// checks (the backend passes no control or combining characters here).
static inline void cnc_cell(cchar_t *cell, wchar_t character, attr_t attributes, int pair) {
    cell->attr = (attributes & ~A_COLOR) | (attr_t)COLOR_PAIR(pair > 255 ? 255 : pair);
    cell->chars[0] = character;
    for (int i = 1; i < CCHARW_MAX; i++) cell->chars[i] = 0;
    cell->ext_color = pair;
}
#endif
