package dev.skirmish.cli.play;

import dev.skirmish.cli.render.Screen;
import dev.skirmish.cli.render.ScoreboardRenderer;

/** The scoreboard of the match that just ended; any key goes back to the room. */
final class ScoreScreen implements PlayScreen {
    private final Play play;

    ScoreScreen(Play play) {
        this.play = play;
    }

    @Override
    public boolean key(int key) {
        play.gameScreen().end();
        play.show(play.roomScreen());
        play.roomScreen().markDirty();
        return true;
    }

    /** The room is read again meanwhile: the match cleared the ready flags. */
    @Override
    public void refresh() {
        play.roomScreen().refresh();
    }

    @Override
    public Screen draw(long now, int cols, int rows) {
        return ScoreboardRenderer.render(play.gameScreen().lastView(), cols, rows, "press any key to return to the room");
    }
}
